using OpenGaussScale.Core.Errors;
using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;
using System.Reflection;

namespace OpenGaussScale.Cli;

/// <summary>Builds the command tree and runs it, mapping every outcome to the documented exit codes.</summary>
public static class CliApp
{
    /// <summary>The program name in hints (`run `ogscale expand --help``).</summary>
    public const string ProgramName = "ogscale";

    public static RootCommand BuildRootCommand(CliServices services)
    {
        ArgumentNullException.ThrowIfNull(services);
        var root = NewRoot(
            "ogscale scales an openGauss primary/standby cluster out and in, online: expand adds standby and cascade " +
            "standby servers (gs_expansion), dropnode removes them (gs_dropnode).");
        root.Subcommands.Add(Commands.ConfigCommand.Create(services));
        root.Subcommands.Add(Commands.CheckCommand.Create(services));
        root.Subcommands.Add(Commands.ExpandCommand.Create(services));
        root.Subcommands.Add(Commands.DropnodeCommand.Create(services));
        root.Subcommands.Add(Commands.StatusCommand.Create(services));
        root.Subcommands.Add(Commands.ResumeCommand.Create(services));
        root.Subcommands.Add(Commands.RollbackCommand.Create(services));

        // Bare `ogscale` is a question, not a mistake: it gets the help (exit 0) instead of "Required command was not provided".
        Commands.VerbExamples.AddToHelp(root);
        var help = root.Options.OfType<HelpOption>().Single();
        root.SetAction(parse => ((SynchronousCommandLineAction)help.Action!).Invoke(parse));
        return root;
    }

    /// <summary>
    /// A root command with ogscale's conventions (shared with ogscale-playground): -h is the host list of
    /// expand/dropnode/check (as in gs_expansion), so help is -? and --help only; -V is --version.
    /// </summary>
    public static RootCommand NewRoot(string description)
    {
        var root = new RootCommand(description);
        var help = root.Options.OfType<HelpOption>().Single();
        help.Aliases.Remove("-h");
        help.Aliases.Remove("/h");
        help.Aliases.Remove("/?");
        // -V/--version on every verb, as gs_expansion/gs_dropnode take -V whatever else the line has.
        var version = root.Options.OfType<VersionOption>().Single();
        version.Aliases.Add("-V");
        version.Recursive = true;
        return root;
    }

    public static Task<int> RunAsync(string[] args, InvocationConfiguration invocation, CliServices services, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(services);
        return RunAsync(BuildRootCommand(services), ProgramName, args, invocation, services.Secrets, cancellationToken);
    }

    /// <summary>
    /// Parses and runs ARGS against ROOT, mapping every outcome to the documented exit codes; PROGRAM names the
    /// executable in usage hints.
    /// </summary>
    public static async Task<int> RunAsync(RootCommand root, string program, string[] args, InvocationConfiguration invocation, Logging.SecretRegistry secrets, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(root);
        ArgumentNullException.ThrowIfNull(invocation);

        // Every verb writes through these: secrets masked, control sequences from nodes made visible (SafeTextWriter).
        invocation.Output = Rendering.SafeTextWriter.Wrap(invocation.Output, secrets);
        invocation.Error = Rendering.SafeTextWriter.Wrap(invocation.Error, secrets);

        // No response files: `@FILE` would splice a file's lines into argv (nested ones recursing without end, a device
        // read forever) and the original tools have none; an argument starting with @ is taken as it is.
        var parse = root.Parse(args, new ParserConfiguration { ResponseFileTokenReplacer = null });

        // (Help and --version clear them: `expand -V` has no -U and still prints the version.)
        // Parse errors are usage errors (exit 2), reported on stderr without a help dump on stdout, so a script
        // that captures stdout never mistakes help text for a result.
        if (parse.Errors.Count > 0 && parse.Action is not { ClearsParseErrors: true })
        {
            var error = invocation.Error;
            foreach (var parseError in parse.Errors)
            {
                await error.WriteLineAsync($"error: {Rendering.UsageErrors.Describe(parseError.Message, args, parse)}").ConfigureAwait(false);
            }

            foreach (var suggestion in Rendering.TypoHints.For(parse))
            {
                await error.WriteLineAsync($"hint: {suggestion}").ConfigureAwait(false);
            }

            await error.WriteLineAsync($"hint: run `{CommandPath(program, parse)} --help` for the usage").ConfigureAwait(false);
            return ExitCodes.Usage;
        }

        // Errors meant for the user end as `error:`/`hint:` lines and their exit code; anything else is a bug, exit 1.
        invocation.EnableDefaultExceptionHandler = false;
        try
        {
            return await parse.InvokeAsync(invocation, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // SIGINT/SIGTERM (or the caller's token) ended the verb before it could report; its journal, if it had
            // started one, says what was done (verbs that change the cluster report their own cancellation with the journal).
            await invocation.Error.WriteLineAsync("error: cancelled").ConfigureAwait(false);
            await invocation.Error.WriteLineAsync("hint: if a run had started to change the cluster, `ogscale resume` continues it and `ogscale rollback` undoes it").ConfigureAwait(false);
            return ExitCodes.Cancelled;
        }
        catch (OgscaleException ex)
        {
            await invocation.Error.WriteLineAsync($"error: {ex.Message}").ConfigureAwait(false);
            if (ex.Hint is not null)
            {
                await invocation.Error.WriteLineAsync($"hint: {ex.Hint}").ConfigureAwait(false);
            }

            return ex.ExitCode;
        }
#pragma warning disable CA1031 // the last line of defence: an unexpected error is reported, with its type, and exits 1
        catch (Exception ex)
#pragma warning restore CA1031
        {
            await invocation.Error.WriteLineAsync($"error: unexpected {ex.GetType().Name}: {ex.Message}").ConfigureAwait(false);
            await invocation.Error.WriteLineAsync("hint: run again with --verbose for details; this is a bug in ogscale if the message does not say what to fix").ConfigureAwait(false);
            return ExitCodes.Unexpected;
        }
    }

    /// <summary>The version printed by --version (informational version without the source hash).</summary>
    public static string Version =>
        (typeof(CliApp).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0")
            .Split('+')[0];

    // "ogscale config validate" for a parse of `config validate ...`.
    private static string CommandPath(string program, ParseResult parse)
    {
        var names = new List<string>();
        for (var result = parse.CommandResult; result is not null; result = result.Parent as System.CommandLine.Parsing.CommandResult)
        {
            names.Insert(0, result.Command is RootCommand ? program : result.Command.Name);
        }

        return string.Join(' ', names);
    }
}
