namespace OpenGaussScale.E2E.Tests.Support;

/// <summary>
/// Runs the built CLI as its own process, the way a user does: `dotnet ogscale.dll ARGS` (the E2E project references
/// the Cli project, so ogscale.dll sits next to the tests).
/// </summary>
public static class OgscaleProcess
{
    /// <summary>The ogscale.dll next to the test assembly.</summary>
    public static string Dll => Path.Combine(AppContext.BaseDirectory, "ogscale.dll");

    /// <summary>The dotnet host that runs the tests (the SDK sets DOTNET_HOST_PATH for child processes).</summary>
    public static string Dotnet => Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";

    public static Task<ProcessResult> RunAsync(IEnumerable<string> args, TimeSpan timeout) =>
        ProcessRun.RunAsync(Dotnet, args.Prepend(Dll), timeout);

    public static Task<ProcessResult> RunAsync(params string[] args) => RunAsync(args, TimeSpan.FromMinutes(2));

    /// <summary>ogscale with OGSCALE_FAULT_AT set: it kills itself with SIGKILL right before that step (exit 137).</summary>
    public static Task<ProcessResult> RunWithFaultAsync(string stepId, IEnumerable<string> args, TimeSpan timeout) =>
        ProcessRun.RunAsync(Dotnet, args.Prepend(Dll), timeout, environment: new Dictionary<string, string> { ["OGSCALE_FAULT_AT"] = stepId });
}
