using OpenGaussScale.Core.Config;
using OpenGaussScale.Core.Errors;
using OpenGaussScale.Core.Remote;

namespace OpenGaussScale.Core.Preflight;

/// <summary>
/// --engine auto: which database the primary runs, looked at as the cluster user with the user's environment:
/// gs_ctl on PATH means openGauss, else pg_ctl means PostgreSQL; neither is a precondition failure.
/// </summary>
public static class EngineDetection
{
    public const string OpenGauss = "opengauss";

    public const string PostgreSql = "postgresql";

    private const string DetectScript = "if command -v gs_ctl >/dev/null 2>&1; then echo opengauss; elif command -v pg_ctl >/dev/null 2>&1; then echo postgresql; else echo none; fi";

    /// <returns><see cref="OpenGauss"/> or <see cref="PostgreSql"/>.</returns>
    public static async Task<string> DetectAsync(ClusterConfig config, INodeShells shells, string user, string environmentFile, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(shells);
        var shell = await shells.OpenAsync(config.Primary, user, cancellationToken).ConfigureAwait(false);
        var result = await shell.RunAsync(new RemoteCommand(["sh", "-c", DetectScript]) { EnvironmentFile = environmentFile }, cancellationToken).ConfigureAwait(false);
        var name = result.StandardOutput.Trim();
        return name is OpenGauss or PostgreSql ? name : throw new OgscaleException(
            $"{config.Primary.Name}: neither gs_ctl nor pg_ctl is on {user}'s PATH after sourcing {environmentFile} ({result.Tail()})",
            "check the environment file (--env-file), or say which engine with --engine opengauss|postgresql",
            ExitCodes.PreconditionFailed);
    }
}
