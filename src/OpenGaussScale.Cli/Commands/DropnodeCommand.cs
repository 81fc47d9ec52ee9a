using System.CommandLine;
using OpenGaussScale.Cli.Rendering;
using OpenGaussScale.Cli.Runtime;
using OpenGaussScale.Core.Config;
using OpenGaussScale.Core.Engines;
using OpenGaussScale.Core.Engines.OpenGauss;
using OpenGaussScale.Core.Errors;
using OpenGaussScale.Core.Model;
using OpenGaussScale.Core.Operations;
using OpenGaussScale.Core.Preflight;

namespace OpenGaussScale.Cli.Commands;

/// <summary>
/// `ogscale dropnode -U USER -G GROUP -h IP[,IP...] [-X XMLFILE] [--yes] [--restart-primary] [--dry-run] [--time-out SECS]
/// [--output text|json] [--engine ...]`: removes standby servers online, reachable or not, down to a single server
/// (gs_dropnode). On a cluster node it runs on the primary as the cluster user; elsewhere it is a control host.
/// </summary>
internal static class DropnodeCommand
{
    public static Command Create(CliServices services)
    {
        var options = new ClusterOptions(xmlRequired: false);
        var hosts = CommonOptions.Hosts("the backIp1 addresses of the standbys to drop, comma-separated (repeatable)");
        var timeout = CommonOptions.TimeOut("seconds any wait may last (a walsender going away, a cascade reconnecting, a restart)");
        var dryRun = new Option<bool>("--dry-run") { Description = "check everything and print the plan (every command, per host, in order); change nothing" };
        var yes = new Option<bool>("--yes") { Description = "answer yes to the confirmations (needed without a terminal)" };
        var restart = new Option<bool>("--restart-primary") { Description = "when only the primary is left, restart it (gs_dropnode's third question)" };
        var engine = CommonOptions.Engine();

        var command = new Command("dropnode", "remove standby servers from a running cluster, online, even unreachable ones (gs_dropnode)");
        options.AddTo(command);
        command.Options.Add(hosts);
        command.Options.Add(timeout);
        command.Options.Add(dryRun);
        command.Options.Add(yes);
        command.Options.Add(restart);
        command.Options.Add(engine);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var invocation = new DropnodeInvocation
            {
                User = parse.GetRequiredValue(options.User),
                Group = parse.GetRequiredValue(options.Group),
                Xml = parse.GetValue(options.Xml)?.ToString(),
                EnvironmentFile = options.EnvironmentFile(parse, services),
                Hosts = parse.GetRequiredValue(hosts),
                TimeoutSeconds = parse.GetValue(timeout),
                DryRun = parse.GetValue(dryRun),
                Yes = parse.GetValue(yes),
                RestartPrimary = parse.GetValue(restart),
                Engine = parse.GetRequiredValue(engine),
            };
            var verb = VerbRun.From(parse, services, options.Access, parse.GetValue(options.Output) == OutputFormat.Json);
            return await RunAsync(verb, invocation, cancellationToken).ConfigureAwait(false);
        });
        return command;
    }

    /// <summary>A dropnode as the command line or resume gives it.</summary>
    public static async Task<int> RunAsync(VerbRun verb, DropnodeInvocation args, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(verb);
        ArgumentNullException.ThrowIfNull(args);
        var services = verb.Services;
        var runner = new Runner(services.UserName, services.IsRoot);
        var resuming = services.Resume is not null;

        // A runbook must never hang at a prompt: without a terminal the answer has to be given up front.
        if (!args.Yes && !args.DryRun && services.ReadAnswer is null)
        {
            throw new OgscaleException(
                "dropnode asks for confirmation, but there is no terminal to answer on; nothing was changed",
                "pass --yes to confirm in a script (and --restart-primary to restart a primary that is left alone)",
                ExitCodes.Usage);
        }

        ClusterConfig? config = null;
        var notices = new List<string>();
        IReadOnlyList<string> targets = [];
        if (args.Xml is not null)
        {
            config = await ConfigInput.LoadAsync(new FileInfo(args.Xml), verb.Stderr, showWarnings: false, cancellationToken).ConfigureAwait(false);
            SupportedCluster.RefuseClusterManager(config, "dropnode");
            targets = TargetHosts.ResolveDropTargets(config, args.Hosts, notices, fromLiveView: false, resuming);
        }
        else
        {
            RunnerChecks.RefuseDropWithoutXml(runner, args.User, args.Engine);
        }

        await using var session = verb.OpenLogged("dropnode", config, args.User);
        if (config is null)
        {
            // No -X: this host must be the primary; the cluster is read from its own tools (gs_om), as the original reads its static config.
            var here = await session.Shells.OpenThisHostAsync(args.User, cancellationToken).ConfigureAwait(false);
            config = await LiveTopology.ReadAsync(here, args.User, args.EnvironmentFile, cancellationToken).ConfigureAwait(false);
            RunnerChecks.RefuseLiveViewElsewhere(session.Shells.ThisNode(config), services.HostName);
            targets = TargetHosts.ResolveDropTargets(config, args.Hosts, notices, fromLiveView: true, resuming);
        }

        RunnerChecks.RefuseDropRunner(session.Shells.ThisNode(config), config, runner, args.User, targets);
        var resolved = await EngineChoice.ResolveAsync(args.Engine, config, session.Shells, args.User, args.EnvironmentFile, cancellationToken).ConfigureAwait(false);
        if (resolved is not IDropEngine dropEngine)
        {
            throw new OgscaleException($"the {resolved.Name} engine cannot drop nodes", "use --engine opengauss or postgresql", ExitCodes.Usage);
        }

        // --engine auto without -X: the primary turned out to run an engine whose down standbys are in no live view.
        if (args.Xml is null && !dropEngine.ReadsLiveTopology)
        {
            throw RunnerChecks.PostgreSqlNeedsXml();
        }

        session.Log.Information("dropnode: {Hosts} from {Cluster} ({Engine})", string.Join(",", targets), config.ClusterName, dropEngine.Name);
        var request = new DropnodeRequest
        {
            Config = config,
            LiveTopology = args.Xml is null,
            Hosts = targets,
            User = args.User,
            Group = args.Group,
            Timeout = TimeSpan.FromSeconds(args.TimeoutSeconds),
            DryRun = args.DryRun,
            RestartPrimary = args.RestartPrimary,
            EnvironmentFile = args.EnvironmentFile,
            StartedAt = services.Clock.GetUtcNow(),
            Resuming = resuming,
        };
        IConfirmation confirmation = args.Yes || args.DryRun ? new AssumedConfirmation(session.Log) : new TerminalConfirmation(services.ReadAnswer!, verb.Stderr);
        var result = await new DropnodeOperation(dropEngine, session.Environment(new StepProgressLog(session.Log)), confirmation)
            .RunAsync(request, cancellationToken).ConfigureAwait(false);
        result = result with { Notices = [.. notices, .. result.Notices] };
        await verb.RenderAsync(
            result, () => DropnodeView.ToJson(result), () => DropnodeView.ToText(result, config), cancellationToken)
            .ConfigureAwait(false);
        return result.ExitCode;
    }
}
