namespace OpenGaussScale.Core.Remote;

/// <summary>
/// A command to run on a node, always as an argv array. <see cref="ToShellText"/> is the only way it
/// becomes shell text, through <see cref="ShellQuote"/>.
/// </summary>
public sealed record RemoteCommand
{
    public RemoteCommand(IReadOnlyList<string> argv)
    {
        ArgumentNullException.ThrowIfNull(argv);
        if (argv.Count == 0)
        {
            throw new ArgumentException("a command needs at least a program name", nameof(argv));
        }

        Argv = argv;
    }

    /// <summary>Program and arguments; never interpreted by a shell.</summary>
    public IReadOnlyList<string> Argv { get; }

    /// <summary>
    /// A file sourced (as the target user, on the node) before the program runs, so it sees the database
    /// user's environment the way the original tools do (`source ~/.bashrc` or the separate env file).
    /// A leading "~/" is the target user's home on the node (see <see cref="EnvironmentFileChoice"/>).
    /// </summary>
    public string? EnvironmentFile { get; init; }

    /// <summary>Bytes written to the program's standard input (secrets travel here, never in argv).</summary>
    public string? StandardInput { get; init; }

    /// <summary>The deadline for this command; null means the transport's default.</summary>
    public TimeSpan? Timeout { get; init; }

    public static RemoteCommand Of(params string[] argv) => new(argv);

    /// <summary>The command as POSIX shell text (environment sourcing included).</summary>
    public string ToShellText()
    {
        if (EnvironmentFile is null)
        {
            return ShellQuote.Join(Argv);
        }

        // The env file and argv are positional parameters of a fixed script: nothing from them is parsed as shell.
        // A leading "~/" means the target user's home ($HOME of the shell that runs as that user), so "~/.bashrc"
        // is ~USER/.bashrc as the original sources it. Output of the sourced file is discarded: a profile that prints
        // a banner must not pollute parsed output.
        const string script = "f=$1; case $f in \"~/\"*) f=$HOME/${f#\"~/\"};; esac; if [ -r \"$f\" ]; then . \"$f\" >/dev/null 2>&1; else echo \"ogscale: environment file $f is not readable\" >&2; exit 126; fi; shift; exec \"$@\"";
        return ShellQuote.Join(["bash", "-c", script, "ogscale-env", EnvironmentFile, .. Argv]);
    }

    public override string ToString() => ShellQuote.Join(Argv);
}
