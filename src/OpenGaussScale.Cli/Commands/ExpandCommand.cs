using System.CommandLine;
using OpenGaussScale.Cli.Rendering;
using OpenGaussScale.Cli.Runtime;
using OpenGaussScale.Core.Model;
using OpenGaussScale.Core.Operations;
using OpenGaussScale.Core.Preflight;
using OpenGaussScale.Core.State;

namespace OpenGaussScale.Cli.Commands;

/// <summary>
/// `ogscale expand -U USER -G GROUP -X XMLFILE -h IP[,IP...] [-L] [--package DIR] [--time-out SECS] [--dry-run] [--yes]
/// [--parallel N] [--output text|json] [--engine ...] [--hba-method trust|sha256]`: adds standby and cascade standby servers online (gs_expansion).
/// </summary>
internal static class ExpandCommand
{
    public static Command Create(CliServices services)
    {
        var options = new ClusterOptions();
        var hosts = CommonOptions.Hosts("the new hosts' backIp1 addresses, comma-separated (repeatable)");
        var local = new Option<bool>("-L") { Description = "local mode: the new hosts already run a single-node database installed the same way; only build the replication relation" };
        var package = new Option<DirectoryInfo?>("--package") { Description = "the directory of the openGauss release (Server and OM tarballs, sha256); default: the current directory when it holds them", HelpName = "DIR" };
        var timeout = CommonOptions.TimeOut("openGauss: seconds the package transfer to each new host may last (as gs_expansion's; no other wait uses it)");
        var stallTimeout = CommonOptions.Seconds(
            "--stall-time-out",
            "seconds a build or base backup may copy nothing before it is stopped (one that copies is never cut), and the longest any other wait may last (start, catch-up, re-point, restart, reload)");
        var dryRun = new Option<bool>("--dry-run") { Description = "check everything and print the plan (every command, per host, in order); change nothing" };
        var yes = new Option<bool>("--yes") { Description = "do not ask for confirmation on a terminal" };
        var parallel = new Option<int?>("--parallel")
        {
            Description = "how many steps may run at once (default: all new hosts)",
            HelpName = "N",
            CustomParser = r => CommonOptions.ParseWholeNumber(r, null) switch
            {
                null when r.Tokens.Count > 0 => CommonOptions.Refuse(r, $"--parallel must be a whole number of at least 1, not '{r.Tokens[^1].Value}'"),
                long steps when InvocationChecks.ParallelismProblem(steps) is { } problem => CommonOptions.Refuse(r, problem),
                > int.MaxValue => int.MaxValue,
                var steps => (int?)steps,
            },
        };
        var engine = CommonOptions.Engine();
        var hbaMethod = CommonOptions.OneOf(
            new Option<string>("--hba-method")
            {
                Description = "openGauss: the method of the pg_hba rules between the nodes, trust (what gs_expansion writes, the default) or sha256 (no password-less remote login as the cluster user; replication is unaffected)",
                HelpName = "trust|sha256",
            },
            Core.Engines.OpenGauss.HbaEntry.Methods);

        var command = new Command("expand", "add standby and cascade standby servers to a running cluster, online (gs_expansion)");
        options.AddTo(command);
        command.Options.Add(hosts);
        command.Options.Add(local);
        command.Options.Add(package);
        command.Options.Add(timeout);
        command.Options.Add(stallTimeout);
        command.Options.Add(dryRun);
        command.Options.Add(yes);
        command.Options.Add(parallel);
        command.Options.Add(engine);
        command.Options.Add(hbaMethod);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var invocation = new ExpandInvocation
            {
                User = parse.GetRequiredValue(options.User),
                Group = parse.GetRequiredValue(options.Group),
                Xml = parse.GetRequiredValue(options.Xml).ToString(),
                EnvironmentFile = options.EnvironmentFile(parse, services),
                Hosts = parse.GetRequiredValue(hosts),
                Local = parse.GetValue(local),
                Package = parse.GetValue(package)?.FullName,
                TimeoutSeconds = parse.GetValue(timeout),
                StallTimeoutSeconds = parse.GetValue(stallTimeout),
                DryRun = parse.GetValue(dryRun),
                Parallel = parse.GetValue(parallel),
                Engine = parse.GetRequiredValue(engine),
                HbaMethod = parse.GetValue(hbaMethod),
            };
            var verb = VerbRun.From(parse, services, options.Access, parse.GetValue(options.Output) == OutputFormat.Json);
            return await RunAsync(verb, invocation, cancellationToken).ConfigureAwait(false);
        });
        return command;
    }

    /// <summary>An expand as the command line or resume gives it.</summary>
    public static async Task<int> RunAsync(VerbRun verb, ExpandInvocation args, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(verb);
        ArgumentNullException.ThrowIfNull(args);
        var services = verb.Services;
        var config = await ConfigInput.LoadAsync(new FileInfo(args.Xml), verb.Stderr, showWarnings: false, cancellationToken).ConfigureAwait(false);
        SupportedCluster.RefuseClusterManager(config, "expand");
        var notices = new List<string>();
        var hosts = TargetHosts.Resolve(config, args.Hosts, notices);

        // Said at once: a run that fails later (an unreachable host) must not swallow what was done to the -h list.
        await verb.NoticesAsync(notices).ConfigureAwait(false);

        // On a terminal (text output, not --verbose) a live per-host display; otherwise plain progress lines.
        var live = services.Terminal is { } terminal && !verb.Json && !verb.Verbose && !args.DryRun ? new LiveProgress(terminal) : null;
        await using var session = verb.OpenLogged("expand", config, args.User, quiet: live is not null);
        RunnerChecks.RefuseExpandOnAStandby(session.Shells.ThisNode(config), config);
        var engine = await EngineChoice.ResolveAsync(args.Engine, config, session.Shells, args.User, args.EnvironmentFile, cancellationToken).ConfigureAwait(false);
        session.Log.Information("expand: {Hosts} into {Cluster} ({Engine}), log {LogFile}", string.Join(",", hosts), config.ClusterName, engine.Name, session.LogFile);
        var request = new ExpandRequest
        {
            Config = config,
            Hosts = hosts,
            User = args.User,
            Group = args.Group,
            LocalMode = args.Local,
            PackageDirectory = engine.ShipsPackage && !args.Local ? args.Package ?? CurrentDirectoryPackage() : null,
            Timeout = TimeSpan.FromSeconds(args.TimeoutSeconds),
            StallTimeout = TimeSpan.FromSeconds(args.StallTimeoutSeconds),
            DryRun = args.DryRun,
            Parallelism = args.Parallel ?? Math.Max(1, hosts.Count * 3),
            EnvironmentFile = args.EnvironmentFile,
            HbaMethod = args.HbaMethod,
        };

        // The same command run again after a failed host reuses the data directory the earlier run filled on it.
        var environment = session.Environment(live is null ? new StepProgressLog(session.Log) : live) with
        {
            EarlierRuns = services.Resume is null ? InterruptedRun.NewestFirst(services).Where(j => j.Operation == RunRecord.Expand) : [],
        };
        var operation = new ExpandOperation(engine, environment);
        var result = live is null
            ? await operation.RunAsync(request, cancellationToken).ConfigureAwait(false)
            : await live.RunAsync(_ => operation.RunAsync(request, cancellationToken)).ConfigureAwait(false);
        await verb.RenderAsync(result, () => ExpandView.ToJson(result), () => ExpandView.ToText(result), cancellationToken)
            .ConfigureAwait(false);
        return result.ExitCode;
    }

    private static string? CurrentDirectoryPackage()
    {
        var here = Directory.GetCurrentDirectory();
        return Directory.EnumerateFiles(here, "openGauss-Server-*-64bit.tar.bz2").Any() ? here : null;
    }
}
