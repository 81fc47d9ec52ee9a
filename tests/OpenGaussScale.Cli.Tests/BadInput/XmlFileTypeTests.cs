using OpenGaussScale.Core.Errors;
using System.Diagnostics;

namespace OpenGaussScale.Cli.Tests.BadInput;

/// <summary>
/// -X names a regular file or nothing (issue 14, item 13): a FIFO, a device or a pipe given as /dev/stdin is refused
/// at once by its type, never opened — opening a FIFO blocks until someone writes, and a device may never end.
/// Every verb with -X is found in the command tree.
/// </summary>
public sealed class XmlFileTypeTests : IDisposable
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(120);
    private readonly string _dir = Directory.CreateTempSubdirectory("ogscale-xml-type-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    public static TheoryData<string> VerbsWithXml => [.. OptionValueTests.Verbs().Where(v => v.Command.Options.Any(o => o.Name == "--xml")).Select(v => v.Path)];

    [Theory]
    [MemberData(nameof(VerbsWithXml))]
    public async Task A_fifo_is_refused_at_once_and_never_opened(string verb)
    {
        var fifo = Path.Combine(_dir, "cluster.xml");
        using (var mkfifo = Process.Start(new ProcessStartInfo("mkfifo", ["-m", "0600", "--", fifo]) { UseShellExecute = false })!)
        {
            await mkfifo.WaitForExitAsync();
            Assert.Equal(0, mkfifo.ExitCode);
        }

        var badInput = new BadInputCase { Name = "xml-fifo", Input = verb, Args = [], ExitCode = ExitCodes.Usage, Messages = [] };
        using var workspace = new BadInputWorkspace(badInput);
        var shells = new TripwireShells();
        string[] args = [.. verb.Split(' '), .. WithXml(OptionValueTests.Bases[verb].Select(workspace.Fill), fifo)];

        // A run that opens the FIFO for reading blocks (synchronously, so on a thread of its own) until the deadline.
        var run = Task.Run(() => CliHarness.RunAsync(workspace.Services(shells), args));
        try
        {
            var result = await run.WaitAsync(Deadline);

            Assert.True(result.ExitCode == ExitCodes.Usage, $"exit {result.ExitCode}\n{result.Stderr}");
            Assert.Contains($"error: -X: '{fifo}' is a named pipe (FIFO), not a regular file; give the path of a file (a pipe or device is never read)", result.Stderr, StringComparison.Ordinal);
            Assert.Empty(shells.Opened);
        }
        finally
        {
            if (!run.IsCompleted)
            {
                // Let the blocked reader go: a writer that opens and closes at once gives it end of file.
                using var writer = new FileStream(fifo, FileMode.Open, FileAccess.Write);
            }
        }
    }

    [Fact]
    public async Task Dev_stdin_that_is_a_pipe_is_refused_without_waiting_for_its_end()
    {
        // The real executable with its stdin a pipe this test never writes to nor closes until the run is over.
        var info = new ProcessStartInfo(Dotnet, [Path.Combine(AppContext.BaseDirectory, "ogscale.dll"), "config", "validate", "-X", "/dev/stdin"])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        try
        {
            await process.WaitForExitAsync().WaitAsync(Deadline);
        }
        catch (TimeoutException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"ogscale config validate -X /dev/stdin (a pipe) was still reading after {Deadline.TotalSeconds} s");
        }
        finally
        {
            process.StandardInput.Close();
        }

        var error = await stderr;
        Assert.True(process.ExitCode == ExitCodes.Usage, $"exit {process.ExitCode}\n{error}");
        Assert.Contains("error: -X: '/dev/stdin' is a named pipe (FIFO), not a regular file; give the path of a file (a pipe or device is never read)", error, StringComparison.Ordinal);
        Assert.Empty(await stdout);
    }

    [Fact]
    public async Task A_symbolic_link_to_the_cluster_xml_is_read()
    {
        var badInput = new BadInputCase { Name = "xml-symlink", Input = "config validate", Args = [], ExitCode = ExitCodes.Success, Messages = [] };
        using var workspace = new BadInputWorkspace(badInput);
        var link = Path.Combine(_dir, "link.xml");
        File.CreateSymbolicLink(link, workspace.XmlPath);

        var run = await CliHarness.RunAsync(workspace.Services(new TripwireShells()), ["config", "validate", "-X", link]);

        Assert.True(run.ExitCode == ExitCodes.Success, $"exit {run.ExitCode}\n{run.Stderr}");
    }

    private static string Dotnet => Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";

    // The base command line with -X naming the given file (added when the base has none).
    private static List<string> WithXml(IEnumerable<string> args, string file)
    {
        var list = args.ToList();
        var at = list.IndexOf("-X");
        if (at < 0)
        {
            list.AddRange(["-X", file]);
        }
        else
        {
            list[at + 1] = file;
        }

        return list;
    }
}
