using System.Diagnostics;
using System.Globalization;

namespace OpenGaussScale.Ssh.Tests.E2E;

/// <summary>Small helpers for the end-to-end tests: run a tool, poll with a deadline, look at /proc.</summary>
internal static class Tools
{
    /// <summary>Runs a program (argv, no shell) and returns stdout; throws on a non-zero exit.</summary>
    public static string Run(string program, params string[] arguments)
    {
        var info = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} failed with {process.ExitCode}: {stderr}");
        }

        return stdout.Result;
    }

    /// <summary>Polls <paramref name="condition"/> with a short backoff until it holds or the deadline passes.</summary>
    public static async Task<bool> WaitUntilAsync(Func<bool> condition, TimeSpan deadline)
    {
        var clock = Stopwatch.StartNew();
        var delay = TimeSpan.FromMilliseconds(10);
        while (!condition())
        {
            if (clock.Elapsed > deadline)
            {
                return false;
            }

            await Task.Delay(delay);
            delay = TimeSpan.FromMilliseconds(Math.Min(delay.TotalMilliseconds * 2, 200));
        }

        return true;
    }

    /// <summary>Live (not zombie) processes whose command line contains <paramref name="marker"/>.</summary>
    public static IReadOnlyList<int> ProcessesWith(string marker)
    {
        var found = new List<int>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) || pid == Environment.ProcessId)
            {
                continue;
            }

            try
            {
                var cmdline = File.ReadAllText(Path.Combine(directory, "cmdline")).Replace('\0', ' ');
                var stat = File.ReadAllText(Path.Combine(directory, "stat"));
                var state = stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[0];
                if (cmdline.Contains(marker, StringComparison.Ordinal) && state != "Z")
                {
                    found.Add(pid);
                }
            }
            catch (IOException)
            {
                // The process ended while we looked.
            }
            catch (UnauthorizedAccessException)
            {
            }
        }

        return found;
    }

    /// <summary>The PIDs of the live children of <paramref name="parent"/>.</summary>
    public static IReadOnlyList<int> ChildrenOf(int parent)
    {
        var children = new List<int>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
            {
                continue;
            }

            try
            {
                var stat = File.ReadAllText(Path.Combine(directory, "stat"));
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                if (fields[0] != "Z" && int.Parse(fields[1], CultureInfo.InvariantCulture) == parent)
                {
                    children.Add(pid);
                }
            }
            catch (IOException)
            {
                // The process ended while we looked.
            }
        }

        return children;
    }

    /// <summary>A unique sleep duration such as "61.123456789": it names the processes of one test in /proc.</summary>
    public static string UniqueSleep() => "61." + Random.Shared.NextInt64(100_000_000, 999_999_999).ToString(CultureInfo.InvariantCulture);

    public static void KillAll(string marker)
    {
        foreach (var pid in ProcessesWith(marker))
        {
            try
            {
                using var process = Process.GetProcessById(pid);
                process.Kill();
            }
            catch (ArgumentException)
            {
            }
            catch (InvalidOperationException)
            {
            }
        }
    }
}
