using System.Diagnostics;

namespace OpenGaussScale.E2E.Tests.Support;

/// <summary>What a finished process left.</summary>
public sealed record ProcessResult(int ExitCode, string Stdout, string Stderr)
{
    public override string ToString() => $"exit {ExitCode}\nstdout:\n{Stdout}\nstderr:\n{Stderr}";
}

/// <summary>A process while it runs: its id and what it has written to stderr so far.</summary>
public sealed class RunningProcess(int id, Func<string> stderr)
{
    public int Id { get; } = id;

    public string Stderr => stderr();
}

/// <summary>Runs a program from an argv (no shell) with a deadline, capturing both streams.</summary>
public static class ProcessRun
{
    /// <param name="environment">Variables set for the process on top of this one's.</param>
    /// <param name="whileRunning">Called once it runs (e.g. to signal it at a chosen moment, or to act on what it says).</param>
    public static async Task<ProcessResult> RunAsync(
        string fileName, IEnumerable<string> args, TimeSpan timeout, string? stdin = null,
        IReadOnlyDictionary<string, string>? environment = null, Func<RunningProcess, Task>? whileRunning = null)
    {
        var start = new ProcessStartInfo(fileName)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"cannot start {fileName}");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderrSoFar = new System.Text.StringBuilder();
        var stderr = ReadAllAsync(process.StandardError, stderrSoFar);
        await OpenGaussScale.Core.Remote.ChildInput.WriteAndCloseAsync(process, stdin, CancellationToken.None);
        if (whileRunning is not null)
        {
            await whileRunning(new RunningProcess(process.Id, () =>
            {
                lock (stderrSoFar)
                {
                    return stderrSoFar.ToString();
                }
            }));
        }

        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            throw new TimeoutException($"{fileName} {string.Join(' ', start.ArgumentList)} did not finish within {timeout.TotalSeconds} s\nstdout:\n{await stdout}\nstderr:\n{await stderr}");
        }

        return new ProcessResult(process.ExitCode, await stdout, await stderr);
    }

    // Reads a stream to its end, keeping what has arrived readable while it runs.
    private static async Task<string> ReadAllAsync(StreamReader reader, System.Text.StringBuilder soFar)
    {
        var buffer = new char[4096];
        int read;
        while ((read = await reader.ReadAsync(buffer)) > 0)
        {
            lock (soFar)
            {
                soFar.Append(buffer, 0, read);
            }
        }

        lock (soFar)
        {
            return soFar.ToString();
        }
    }
}
