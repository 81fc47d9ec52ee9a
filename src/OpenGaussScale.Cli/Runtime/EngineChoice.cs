using OpenGaussScale.Core.Config;
using OpenGaussScale.Core.Engines;
using OpenGaussScale.Core.Engines.OpenGauss;
using OpenGaussScale.Core.Engines.PostgreSql;
using OpenGaussScale.Core.Errors;
using OpenGaussScale.Core.Preflight;
using OpenGaussScale.Core.Remote;

namespace OpenGaussScale.Cli.Runtime;

/// <summary>--engine auto|opengauss|postgresql: the engine by name; auto asks the primary (<see cref="EngineDetection"/>).</summary>
internal static class EngineChoice
{
    public const string Auto = "auto";

    public static readonly string[] Names = [Auto, EngineDetection.OpenGauss, EngineDetection.PostgreSql];

    public static async Task<IEngine> ResolveAsync(string name, ClusterConfig config, INodeShells shells, string user, string environmentFile, CancellationToken cancellationToken)
    {
        if (name == Auto)
        {
            name = await EngineDetection.DetectAsync(config, shells, user, environmentFile, cancellationToken).ConfigureAwait(false);
        }

        return name switch
        {
            EngineDetection.OpenGauss => new OpenGaussEngine(),
            EngineDetection.PostgreSql => new PostgreSqlEngine(),
            _ => throw new OgscaleException($"unknown engine {name}", "use --engine opengauss or --engine postgresql", ExitCodes.Usage),
        };
    }
}
