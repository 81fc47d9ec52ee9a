using OpenGaussScale.Core.Config;
using OpenGaussScale.Core.Execution;

namespace OpenGaussScale.Core.Engines.OpenGauss.Actions;

/// <summary>
/// The new host runs the primary's version (reference 3.1 step 7): the text in the first parentheses of
/// `gaussdb --version` and the whole `gs_om --version` line must equal the primary's. A mismatch fails this host
/// (the original flags the wrong key and builds it anyway, reference 7.3 #2).
/// </summary>
internal sealed class VersionCheckAction : StepAction
{
    private readonly NodeConfig _node;
    private readonly string _gaussdb;
    private readonly string? _gsOm;
    private readonly PlannedCommand _gaussdbVersion;
    private readonly PlannedCommand _gsOmVersion;

    public VersionCheckAction(NodeConfig node, string user, string environmentFile, string primaryGaussdb, string? primaryGsOm)
    {
        _node = node;
        _gaussdb = primaryGaussdb;
        _gsOm = primaryGsOm;
        _gaussdbVersion = OgCommands.GaussdbVersion(node, user, environmentFile);
        _gsOmVersion = OgCommands.GsOmVersion(node, user, environmentFile);
    }

    public override string Name => "version";

    public override bool RepeatableAfterConnectionLoss => true;

    public override IReadOnlyList<PlannedCommand> Describe() => [_gaussdbVersion, _gsOmVersion];

    public override async Task ExecuteAsync(StepContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var gaussdb = VersionStrings.GaussdbVersion((await context.TryRunAsync(_gaussdbVersion, cancellationToken).ConfigureAwait(false)).StandardOutput);
        if (gaussdb != _gaussdb)
        {
            throw new InvalidOperationException($"{_node.Name} runs gaussdb ({gaussdb ?? "not found"}), the primary ({_gaussdb}) (GAUSS-35708)");
        }

        if (_gsOm is not null)
        {
            var gsOm = VersionStrings.GsOmVersion((await context.TryRunAsync(_gsOmVersion, cancellationToken).ConfigureAwait(false)).StandardOutput);
            if (gsOm != _gsOm)
            {
                throw new InvalidOperationException($"{_node.Name} runs {gsOm ?? "no gs_om"}, the primary {_gsOm} (GAUSS-35708)");
            }
        }
    }
}
