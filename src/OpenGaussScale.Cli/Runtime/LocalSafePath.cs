using OpenGaussScale.Core.Remote;
using System.ComponentModel;
using System.Diagnostics;

namespace OpenGaussScale.Cli.Runtime;

/// <summary>
/// <see cref="SafePath"/> on this machine, before any session exists (resume and rollback choose their journal first),
/// for the user this process runs as: the files in question are its own, whatever name a test gives the run.
/// </summary>
internal static class LocalSafePath
{
    /// <summary>For each path that is not safe (by its position in <paramref name="paths"/>), why ("/x belongs to omm, not to root").</summary>
    public static IReadOnlyDictionary<int, string> Refusals(SafePathKind kind, IReadOnlyList<string> paths)
    {
        ArgumentNullException.ThrowIfNull(paths);
        // Windows (a control host only) has ACLs, not owner and mode bits: nothing to check in those terms.
        if (paths.Count == 0 || OperatingSystem.IsWindows())
        {
            return new Dictionary<int, string>();
        }

        var command = SafePath.Command(kind, Environment.UserName, paths);
        // By its absolute path: .NET looks for a bare name in the current directory first, where anyone may have put an "sh".
        var info = new ProcessStartInfo("/bin/sh") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in command.Argv.Skip(1))
        {
            info.ArgumentList.Add(argument);
        }

        // Only what the script needs: a fixed PATH and the C locale (stat's output is parsed).
        info.Environment.Clear();
        info.Environment["PATH"] = "/usr/sbin:/usr/bin:/sbin:/bin";
        info.Environment["LC_ALL"] = "C";
        try
        {
            using var process = Process.Start(info) ?? throw new InvalidOperationException("sh did not start");
            var stderr = process.StandardError.ReadToEndAsync();
            var output = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            _ = stderr.Result;
            var refusals = SafePath.Refusals(output);
            return refusals.ToDictionary(r => r.Key, r => $"{paths[r.Key]} {r.Value}");
        }
        catch (Exception ex) when (ex is Win32Exception or InvalidOperationException)
        {
            // Nothing could be checked: every path counts as unsafe.
            return paths.Select((p, i) => (p, i)).ToDictionary(x => x.i, x => $"{x.p} cannot be examined ({ex.Message.TrimEnd('.')})");
        }
    }
}
