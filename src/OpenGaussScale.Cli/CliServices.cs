using OpenGaussScale.Core.Remote;
using OpenGaussScale.Ssh;
using OpenGaussScale.Ssh.Local;
using Serilog;
using System.Net;

namespace OpenGaussScale.Cli;

/// <summary>
/// What the commands need from the outside world, constructed once in <see cref="Program"/> and replaced by fakes
/// in in-process tests.
/// </summary>
public sealed record CliServices
{
    /// <summary>This machine's host name (`hostname`, with its domain part): decides which node is "this host".</summary>
    public required string HostName { get; init; }

    /// <summary>The OS user ogscale runs as.</summary>
    public required string UserName { get; init; }

    public required bool IsRoot { get; init; }

    public required int ProcessId { get; init; }

    public required TimeProvider Clock { get; init; }

    /// <summary>The control host's state directory (~/.ogscale): the local copies of journals, the logs of a control host.</summary>
    public required string StateDirectory { get; init; }

    /// <summary>Opens the remote shell factories (SSH and local) for the given options.</summary>
    public required Func<SshOptions, ILogger, (IRemoteShellFactory Local, IRemoteShellFactory Ssh)> ShellFactories { get; init; }

    /// <summary>The value of an environment variable of this process (MPPDB_ENV_SEPARATE_PATH, ...).</summary>
    public required Func<string, string?> Environment { get; init; }

    /// <summary>The crash-test hook (OGSCALE_FAULT_AT / OGSCALE_PAUSE_AT, docs/reliability.md); none in in-process tests.</summary>
    public Core.Execution.IFaultHook Faults { get; init; } = Core.Execution.NoFaultHook.Instance;

    /// <summary>stderr when it is a terminal (for the live progress display), else null.</summary>
    public TextWriter? Terminal { get; init; }

    /// <summary>
    /// Reads one answer line from the terminal for a prompt (dropnode's confirmations); null when there is no terminal
    /// to answer on (stdin redirected), so a command that would ask refuses instead of hanging.
    /// </summary>
    public Func<string?>? ReadAnswer { get; init; }

    /// <summary>Asks for an encrypted key's passphrase on a terminal (null when there is none).</summary>
    public IPassphrasePrompt? PassphrasePrompt { get; init; }

    /// <summary>Set by `ogscale resume` for the command it runs again: the interrupted run it continues.</summary>
    public Core.Operations.ResumeInfo? Resume { get; init; }

    /// <summary>The values masked (`***`) in everything ogscale writes: stdout, stderr and the log file.</summary>
    public Logging.SecretRegistry Secrets { get; init; } = new();

    /// <summary>
    /// The services of this process. OGSCALE_SSH_PASSPHRASE is taken out of the environment here, first thing (no
    /// child process inherits it), and registered as a secret, as is a passphrase typed at the prompt.
    /// </summary>
    public static CliServices CreateDefault()
    {
        var secrets = new Logging.SecretRegistry();
        secrets.Register(SshPassphrase.Take());
        return CreateDefault(secrets);
    }

    private static CliServices CreateDefault(Logging.SecretRegistry secrets) => new()
    {
        Secrets = secrets,
        HostName = Dns.GetHostName(),
        UserName = System.Environment.UserName,
        IsRoot = System.Environment.UserName == "root" || IsEffectiveRoot(),
        ProcessId = System.Environment.ProcessId,
        Clock = TimeProvider.System,
        StateDirectory = Path.Combine(System.Environment.GetFolderPath(System.Environment.SpecialFolder.UserProfile), ".ogscale"),
        ShellFactories = (options, log) => (new LocalRemoteShellFactory(options.DefaultCommandTimeout, log), new SshRemoteShellFactory(options, log)),
        Environment = System.Environment.GetEnvironmentVariable,
        Faults = Runtime.EnvironmentFaultHook.From(System.Environment.GetEnvironmentVariable),
        ReadAnswer = Console.IsInputRedirected ? null : Console.ReadLine,
        PassphrasePrompt = Runtime.TerminalPassphrasePrompt.CreateIfInteractive(secrets),
        Terminal = Console.IsErrorRedirected ? null : Console.Error,
    };

    // /proc/self/status "Uid: real effective ..." — the effective uid decides what ogscale may do.
    private static bool IsEffectiveRoot()
    {
        const string status = "/proc/self/status";
        if (!File.Exists(status))
        {
            return false;
        }

        var uid = File.ReadLines(status).FirstOrDefault(l => l.StartsWith("Uid:", StringComparison.Ordinal));
        return uid?.Split('\t', StringSplitOptions.RemoveEmptyEntries).ElementAtOrDefault(2) == "0";
    }
}
