using OpenGaussScale.Cli.Commands;
using OpenGaussScale.Cli.Logging;
using OpenGaussScale.Cli.Rendering;
using OpenGaussScale.Core.Config;
using OpenGaussScale.Core.Errors;
using OpenGaussScale.Core.Operations;
using OpenGaussScale.Ssh;
using System.CommandLine;

namespace OpenGaussScale.Cli.Runtime;

/// <summary>
/// What every verb that works on a cluster shares once its options are read: where it writes, how it reaches the
/// nodes, the session it opens (logger, shells, the log file <see cref="LogLocation"/> picks) and how an expand or
/// dropnode result is shown. The command line builds it, and so does resume from its own options.
/// </summary>
internal sealed record VerbRun(CliServices Services, TextWriter Stdout, TextWriter Stderr, SshOptions Ssh, bool Verbose, bool Json)
{
    public static VerbRun From(ParseResult parse, CliServices services, AccessOptions access, bool json)
    {
        ArgumentNullException.ThrowIfNull(parse);
        ArgumentNullException.ThrowIfNull(access);
        return new(services, parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error, access.Ssh(parse, services), parse.GetValue(access.Verbose), json);
    }

    /// <summary>The session of a verb that logs to a file (every verb that changes a cluster does).</summary>
    /// <param name="quiet">A live display owns the terminal: progress lines stay out of stderr.</param>
    public CliSession OpenLogged(string verb, ClusterConfig? config, string? user, bool quiet = false) =>
        CliSession.Open(Services, Stderr, Ssh, Verbose, LogLocation.For(verb, Services, config, user), quiet);

    /// <summary>The session of a verb that only looks (status, check): stderr only.</summary>
    public CliSession OpenUnlogged() => CliSession.Open(Services, Stderr, Ssh, Verbose, logFile: null);

    public async Task NoticesAsync(IEnumerable<string> notices)
    {
        ArgumentNullException.ThrowIfNull(notices);
        foreach (var notice in notices)
        {
            await Stderr.WriteLineAsync($"notice: {notice}").ConfigureAwait(false);
        }
    }

    /// <summary>
    /// An expand or dropnode result: its notices; on stdout the preflight report (when it failed, or in a dry run), the
    /// dry run's plan, then the verb's own view (or JSON: the plan of a dry run, else the result); on stderr the outcome lines.
    /// </summary>
    public async Task RenderAsync(OperationOutcome result, Func<object> json, Func<string> text, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(text);
        await NoticesAsync(result.Notices).ConfigureAwait(false);
        var plan = result.Plan;
        var executed = result.Execution is not null;
        var dryRunPlan = plan is not null && !executed && result.ExitCode == ExitCodes.Success ? plan : null;
        if (Json)
        {
            await Stdout.WriteLineAsync(JsonText.Serialize(dryRunPlan is null ? json() : PlanView.ToJson(dryRunPlan))).ConfigureAwait(false);
        }
        else
        {
            if (result.Preflight is { } preflight && (!preflight.Passed || plan is not null && !executed))
            {
                await Stdout.WriteAsync(PreflightView.ToText(preflight)).ConfigureAwait(false);
            }

            if (dryRunPlan is not null)
            {
                await Stdout.WriteAsync(("\n" + PlanView.ToText(dryRunPlan)).AsMemory(), cancellationToken).ConfigureAwait(false);
            }

            await Stdout.WriteAsync(text().AsMemory(), cancellationToken).ConfigureAwait(false);
        }

        await OutcomeLines.WriteAsync(Stderr, result).ConfigureAwait(false);
    }
}
