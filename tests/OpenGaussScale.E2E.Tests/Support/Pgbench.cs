using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace OpenGaussScale.E2E.Tests.Support;

/// <summary>
/// pgbench against the primary (through its socket directory: both engines run PostgreSQL underneath, the kit too),
/// run inside ognode1 from before an operation to after it. It enters the mount namespace of ognode1's postmaster
/// instead of going through its sshd, because some faults stop that sshd and every session it serves. `-P 1` prints
/// a progress line every second with the failed transactions so far.
/// </summary>
public sealed partial class Pgbench : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly Stopwatch _clock = Stopwatch.StartNew();

    private Pgbench(Process process)
    {
        _process = process;
    }

    public TimeSpan Elapsed => _clock.Elapsed;

    public static async Task<Pgbench> StartAsync(string dir, string database = "postgres")
    {
        var postmaster = await ProcessRun.RunAsync("ssh", ["-F", Path.Combine(dir, "ssh_config"), "omm@ognode1", "head", "-1", "/opt/ogscale/data/dn/postmaster.pid"], TimeSpan.FromMinutes(1));
        if (postmaster.ExitCode != 0 || !int.TryParse(postmaster.Stdout.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
        {
            throw new InvalidOperationException($"cannot find the postmaster of ognode1: {postmaster}");
        }

        var start = new ProcessStartInfo("nsenter") { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true, UseShellExecute = false };
        string[] pgbench = ["/usr/lib/postgresql/15/bin/pgbench", "-h", "/opt/ogscale/tmp", "-p", "15400", "-c", "4", "-j", "2", "-P", "1", "-T", "3600"];
        string[] argv = ["-t", pid.ToString(CultureInfo.InvariantCulture), "-m", "-u", "--", "runuser", "-u", "omm", "--", .. pgbench, database];
        foreach (var arg in argv)
        {
            start.ArgumentList.Add(arg);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("cannot start ssh for pgbench");
        var bench = new Pgbench(process);
        process.OutputDataReceived += (_, e) => bench.Append(e.Data);
        process.ErrorDataReceived += (_, e) => bench.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        // Running means: at least one progress line arrived.
        var running = await Eventually.UntilAsync(() => Task.FromResult(bench.Progress.Count), n => n > 0 || process.HasExited, TimeSpan.FromMinutes(1));
        if (running == 0)
        {
            throw new InvalidOperationException($"pgbench did not start: {bench.Output}");
        }

        return bench;
    }

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>Every progress line: the time pgbench printed and the failed transactions it reported.</summary>
    public IReadOnlyList<(double Seconds, double Tps, long Failed)> Progress =>
        [.. ProgressLine().Matches(Output).Select(m => (
            double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture),
            double.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture),
            long.Parse(m.Groups[3].Value, CultureInfo.InvariantCulture)))];

    /// <summary>Stops pgbench and returns its progress lines.</summary>
    public async Task<IReadOnlyList<(double Seconds, double Tps, long Failed)>> StopAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        await _process.WaitForExitAsync();
        return Progress;
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.Append(line.TrimEnd('\r')).Append('\n');
        }
    }

    // PostgreSQL 15: "progress: 5.0 s, 596.2 tps, lat 6.702 ms stddev 2.379, 0 failed"
    [GeneratedRegex(@"progress: ([0-9.]+) s, ([0-9.]+) tps, .*?(\d+) failed")]
    private static partial Regex ProgressLine();
}
