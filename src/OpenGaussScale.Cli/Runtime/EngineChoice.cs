using OpenGaussScale.Core.Config;
using OpenGaussScale.Core.Engines;
using OpenGaussScale.Core.Engines.OpenGauss;
using OpenGaussScale.Core.Engines.PostgreSql;
using OpenGaussScale.Core.Errors;
using OpenGaussScale.Core.Remote;

namespace OpenGaussScale.Cli.Runtime;

/// <summary>
/// --engine auto|opengauss|postgresql. Auto looks at the primary, as the cluster user with the user's environment:
/// gs_ctl on PATH means openGauss, else pg_ctl means PostgreSQL.
/// </summary>
internal static class EngineChoice
{
    public const string Auto = "auto";

    public static readonly string[] Names = [Auto, "opengauss", "postgresql"];

    private const string DetectScript = "if command -v gs_ctl >/dev/null 2>&1; then echo opengauss; elif command -v pg_ctl >/dev/null 2>&1; then echo postgresql; else echo none; fi";

    public static async Task<IEngine> ResolveAsync(string name, ClusterConfig config, INodeShells shells, string user, string environmentFile, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(shells);
        if (name == Auto)
        {
            var shell = await shells.OpenAsync(config.Primary, user, cancellationToken).ConfigureAwait(false);
            var result = await shell.RunAsync(new RemoteCommand(["sh", "-c", DetectScript]) { EnvironmentFile = environmentFile }, cancellationToken).ConfigureAwait(false);
            name = result.StandardOutput.Trim();
            if (name is not ("opengauss" or "postgresql"))
            {
                throw new OgscaleException(
                    $"{config.Primary.Name}: neither gs_ctl nor pg_ctl is on {user}'s PATH after sourcing {environmentFile} ({result.Tail()})",
                    "check the environment file (--env-file), or say which engine with --engine opengauss|postgresql",
                    ExitCodes.PreconditionFailed);
            }
        }

        return name switch
        {
            "opengauss" => new OpenGaussEngine(),
            "postgresql" => new PostgreSqlEngine(),
            _ => throw new OgscaleException($"unknown engine {name}", "use --engine opengauss or --engine postgresql", ExitCodes.Usage),
        };
    }
}
