using System.Diagnostics;

namespace OpenGaussScale.Kit.Processes;

/// <summary>
/// Runs a program from an argv (never through a shell) and captures its output. stdin is always redirected and closed, so
/// nothing the kit starts can hold an SSH channel open by reading from it.
/// </summary>
public static class ProcessRunner
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromMinutes(10);

    public static ProcessResult Run(string program, IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment = null, TimeSpan? timeout = null, string? standardInput = null)
    {
        ArgumentNullException.ThrowIfNull(program);
        ArgumentNullException.ThrowIfNull(arguments);
        var info = new ProcessStartInfo(program)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        if (environment is not null)
        {
            foreach (var (key, value) in environment)
            {
                info.Environment[key] = value;
            }
        }

        using var process = new Process { StartInfo = info };
        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            return new ProcessResult(127, string.Empty, $"cannot run {program}: {e.Message}");
        }

        // Both pipes are drained on their own threads so a chatty child cannot block on a full pipe.
        var stdout = string.Empty;
        var stderr = string.Empty;
        var outReader = new Thread(() => stdout = process.StandardOutput.ReadToEnd()) { IsBackground = true };
        var errReader = new Thread(() => stderr = process.StandardError.ReadToEnd()) { IsBackground = true };
        outReader.Start();
        errReader.Start();
        try
        {
            if (standardInput is not null)
            {
                process.StandardInput.BaseStream.Write(System.Text.Encoding.UTF8.GetBytes(standardInput));
            }
        }
        catch (IOException)
        {
            // The program exited without reading all of its input (a broken pipe): its exit code tells the rest.
        }

        process.StandardInput.BaseStream.Close();
        var limit = timeout ?? DefaultTimeout;
        if (!process.WaitForExit(limit))
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
            outReader.Join();
            errReader.Join();
            return new ProcessResult(124, stdout, stderr + $"\n{program} did not finish within {limit.TotalSeconds:0} s and was stopped");
        }

        process.WaitForExit();
        outReader.Join();
        errReader.Join();
        return new ProcessResult(process.ExitCode, stdout, stderr);
    }

    /// <summary>Runs a program with the caller's own stdin/stdout/stderr (interactive gsql); returns its exit code.</summary>
    public static int RunInteractive(string program, IEnumerable<string> arguments)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        var info = new ProcessStartInfo(program) { UseShellExecute = false };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException($"cannot run {program}");
        process.WaitForExit();
        return process.ExitCode;
    }
}
