namespace OpenGaussScale.E2E.Tests.Support;

/// <summary>
/// Runs the built CLI as its own process, the way a user does: `dotnet ogscale.dll ARGS`.
/// </summary>
public static class OgscaleProcess
{
    private static readonly Lazy<string> Copy = new(CopyBuildOutput);

    /// <summary>
    /// ogscale.dll in a copy of the build output (the E2E project references the Cli project, so it sits next to the
    /// tests) in a root-owned, world-readable folder under /tmp. Tests run it as omm and inside the playground's hosts,
    /// and neither can see the build folder of a clone in root's home: omm may not enter /root (mode 0700), and each
    /// host has its own /root mounted over it. /tmp is the same on the machine and on every host.
    /// </summary>
    public static string Dll => Copy.Value;

    /// <summary>The dotnet host that runs the tests (the SDK sets DOTNET_HOST_PATH for child processes).</summary>
    public static string Dotnet => Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";

    public static Task<ProcessResult> RunAsync(IEnumerable<string> args, TimeSpan timeout) =>
        ProcessRun.RunAsync(Dotnet, args.Prepend(Dll), timeout);

    public static Task<ProcessResult> RunAsync(params string[] args) => RunAsync(args, TimeSpan.FromMinutes(2));

    /// <summary>ogscale-playground.dll, the test bed's own program, in the same copy as ogscale.dll.</summary>
    public static string PlaygroundDll => Path.Combine(Path.GetDirectoryName(Dll)!, "ogscale-playground.dll");

    /// <summary>`ogscale-playground ARGS`.</summary>
    public static Task<ProcessResult> RunPlaygroundAsync(IEnumerable<string> args, TimeSpan timeout) =>
        ProcessRun.RunAsync(Dotnet, args.Prepend(PlaygroundDll), timeout);

    public static Task<ProcessResult> RunPlaygroundAsync(params string[] args) => RunPlaygroundAsync(args, TimeSpan.FromMinutes(2));

    /// <summary>ogscale with OGSCALE_FAULT_AT set: it kills itself with SIGKILL right before that step (exit 137).</summary>
    public static Task<ProcessResult> RunWithFaultAsync(string stepId, IEnumerable<string> args, TimeSpan timeout) =>
        ProcessRun.RunAsync(Dotnet, args.Prepend(Dll), timeout, environment: new Dictionary<string, string> { ["OGSCALE_FAULT_AT"] = stepId });

    /// <summary>
    /// ogscale paused right before STEP (OGSCALE_PAUSE_AT): once it waits there, atPause runs, the run is let go, then
    /// afterRelease. A fault injected this way lands at an exact step boundary, however fast the steps before it run.
    /// </summary>
    public static Task<ProcessResult> RunPausedAsync(string dir, string step, IEnumerable<string> args, Func<RunningProcess, Task> atPause, Func<RunningProcess, Task>? afterRelease = null)
    {
        var pauseFile = Path.Combine(dir, $"pause-{Guid.NewGuid():N}");
        return ProcessRun.RunAsync(
            Dotnet,
            args.Prepend(Dll),
            TimeSpan.FromMinutes(5),
            environment: new Dictionary<string, string> { ["OGSCALE_PAUSE_AT"] = step, ["OGSCALE_PAUSE_FILE"] = pauseFile },
            whileRunning: async run =>
            {
                var paused = await Eventually.UntilAsync(() => Task.FromResult(File.Exists(pauseFile)), p => p, TimeSpan.FromMinutes(3));
                Assert.True(paused, $"the run never paused before {step}:\n{run.Stderr}");
                try
                {
                    await atPause(run);
                }
                finally
                {
                    File.Delete(pauseFile);
                }

                if (afterRelease is not null)
                {
                    await afterRelease(run);
                }
            });
    }

    // mkdtemp's 0700 folder (no other user can have planted anything in it), opened to reading once it is filled (the
    // files 0644 whatever umask the clone was built with); removed when the test process ends.
    private static string CopyBuildOutput()
    {
        var copy = Directory.CreateTempSubdirectory("ogscale-e2e-cli-").FullName;
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Directory.Delete(copy, recursive: true);
        var build = AppContext.BaseDirectory;
        foreach (var file in Directory.EnumerateFiles(build, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(copy, Path.GetRelativePath(build, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
            File.SetUnixFileMode(target, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        }

        foreach (var dir in Directory.EnumerateDirectories(copy, "*", SearchOption.AllDirectories).Prepend(copy))
        {
            File.SetUnixFileMode(dir, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute |
                UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        }

        return Path.Combine(copy, "ogscale.dll");
    }
}
