using OpenGaussScale.Core.Errors;
using OpenGaussScale.Core.Remote;
using System.Diagnostics;

namespace OpenGaussScale.Playground.Os;

/// <summary>
/// Runs a local program from an argv array (never through a shell built from values) and captures its exit code and
/// output. The one place the playground starts processes.
/// </summary>
public static class ProcessRunner
{
    private static readonly TimeSpan DefaultTimeout = TimeSpan.FromMinutes(2);

    /// <summary>Runs the program and returns what it left; a deadline kills the whole process tree.</summary>
    public static async Task<CommandResult> RunAsync(
        IReadOnlyList<string> argv,
        TimeSpan? timeout = null,
        string? standardInput = null,
        IReadOnlyDictionary<string, string>? environment = null,
        bool cleanEnvironment = false,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(argv);
        var start = new ProcessStartInfo(argv[0])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = "/",
        };
        foreach (var arg in argv.Skip(1))
        {
            start.ArgumentList.Add(arg);
        }

        if (cleanEnvironment)
        {
            // Daemons started for a host must not inherit the tool's (or the test runner's) environment.
            start.Environment.Clear();
            start.Environment["PATH"] = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";
            start.Environment["LANG"] = "C.UTF-8";
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        var watch = Stopwatch.StartNew();
        using var process = new Process { StartInfo = start };
        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new OgscaleException($"cannot run {argv[0]}: {e.Message}", "install the package that provides it", ExitCodes.PreconditionFailed, e);
        }

        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        // Closing stdin at once: nothing we run may wait for input that never comes.
        await ChildInput.WriteAndCloseAsync(process, standardInput, cancellationToken).ConfigureAwait(false);

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout ?? DefaultTimeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token).ConfigureAwait(false);

            // A grandchild that kept our pipes open (a daemon that did not detach) must not hang the caller either.
            var output = await stdout.WaitAsync(deadline.Token).ConfigureAwait(false);
            var error = await stderr.WaitAsync(deadline.Token).ConfigureAwait(false);
            return new CommandResult(process.ExitCode, output, error, watch.Elapsed);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
            throw new OgscaleException(
                $"{ShellQuote.Join(argv)} did not finish within {(timeout ?? DefaultTimeout).TotalSeconds:0} s and was stopped",
                exitCode: ExitCodes.Unexpected);
        }
    }

    /// <summary>Like <see cref="RunAsync"/>, but null when the program cannot be started (not installed).</summary>
    public static async Task<CommandResult?> TryRunAsync(
        IReadOnlyList<string> argv, TimeSpan timeout, CancellationToken cancellationToken, IReadOnlyDictionary<string, string>? environment = null)
    {
        try
        {
            return await RunAsync(argv, timeout, environment: environment, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (OgscaleException e) when (e.InnerException is System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }

    /// <summary>Runs the program and throws a clear error when it fails.</summary>
    public static async Task<CommandResult> RunCheckedAsync(
        IReadOnlyList<string> argv,
        string what,
        TimeSpan? timeout = null,
        string? standardInput = null,
        CancellationToken cancellationToken = default)
    {
        var result = await RunAsync(argv, timeout, standardInput, cancellationToken: cancellationToken).ConfigureAwait(false);
        if (!result.Succeeded)
        {
            throw new OgscaleException($"{what} failed (exit {result.ExitCode}): {result.Tail()}", $"the command was: {ShellQuote.Join(argv)}");
        }

        return result;
    }
}
