using OpenGaussScale.Cli.Rendering;
using OpenGaussScale.Cli.Runtime;
using OpenGaussScale.Core.Errors;
using OpenGaussScale.Core.Preflight;
using System.CommandLine;

namespace OpenGaussScale.Cli.Commands;

/// <summary>
/// `ogscale check -U USER -G GROUP -X FILE [-h NEWHOSTS]`: the host-level preflight checks (SSH and host keys for root
/// and the user, mutual trust, same OS, user and group, running user) as a table; exit 0 without error, 3 otherwise.
/// </summary>
internal static class CheckCommand
{
    public static Command Create(CliServices services)
    {
        var options = new ClusterOptions();
        var hosts = CommonOptions.Hosts("the new hosts' backIps, comma-separated (their failures are errors; existing standbys only warn)", required: false);
        var command = new Command("check", "check that every node can be reached, trusts the others and matches the primary (OS, user, group) before an expansion");
        options.AddTo(command);
        command.Options.Add(hosts);
        command.SetAction((parse, cancellationToken) => RunAsync(parse, services, options, hosts, cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(ParseResult parse, CliServices services, ClusterOptions options, Option<string[]> hostsOption, CancellationToken cancellationToken)
    {
        var stdout = parse.InvocationConfiguration.Output;
        var verb = VerbRun.From(parse, services, options.Access, parse.GetValue(options.Output) == OutputFormat.Json);
        var config = await ConfigInput.LoadAsync(parse.GetRequiredValue(options.Xml), verb.Stderr, showWarnings: false, cancellationToken).ConfigureAwait(false);
        var notices = new List<string>();
        var hosts = TargetHosts.Resolve(config, parse.GetValue(hostsOption) ?? [], notices);
        await verb.NoticesAsync(notices).ConfigureAwait(false);
        await using var session = verb.OpenUnlogged();
        var report = await new HostChecks(config, hosts.ToHashSet(StringComparer.Ordinal), session.Shells, parse.GetRequiredValue(options.User), parse.GetRequiredValue(options.Group))
            .RunAsync(services.IsRoot, services.HostName, cancellationToken).ConfigureAwait(false);

        if (verb.Json)
        {
            await stdout.WriteLineAsync(JsonText.Serialize(PreflightView.ToJson(report))).ConfigureAwait(false);
        }
        else
        {
            await stdout.WriteAsync(PreflightView.ToText(report)).ConfigureAwait(false);
        }

        foreach (var line in PreflightView.Problems(report))
        {
            await verb.Stderr.WriteLineAsync(line).ConfigureAwait(false);
        }

        return report.Passed ? ExitCodes.Success : ExitCodes.PreconditionFailed;
    }
}
