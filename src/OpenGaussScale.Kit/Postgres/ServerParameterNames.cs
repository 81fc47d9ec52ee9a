using OpenGaussScale.Kit.Processes;

namespace OpenGaussScale.Kit.Postgres;

/// <summary>
/// The parameter names the installed PostgreSQL knows, asked from the server binary itself (`postgres --describe-config`),
/// so the kit never guesses which settings PostgreSQL accepts in its own files.
/// </summary>
public sealed class ServerParameterNames
{
    // --describe-config leaves out parameters marked "not in sample"; these are the ones an openGauss config may carry.
    private static readonly string[] NotInSample = ["application_name", "transaction_isolation", "transaction_read_only", "role", "session_authorization", "is_superuser", "seed"];

    private readonly HashSet<string> _names;

    public ServerParameterNames(IEnumerable<string> names)
    {
        _names = new HashSet<string>(names, StringComparer.OrdinalIgnoreCase);
        foreach (var name in NotInSample)
        {
            _names.Add(name);
        }
    }

    public bool Contains(string name) => _names.Contains(name);

    public static ServerParameterNames Load(PgInstallation installation)
    {
        ArgumentNullException.ThrowIfNull(installation);
        var result = ProcessRunner.Run(installation.Program("postgres"), ["--describe-config"], timeout: TimeSpan.FromSeconds(30));
        if (!result.Succeeded)
        {
            throw new Cli.KitException($"cannot list PostgreSQL's parameters with {installation.Program("postgres")} --describe-config: {result.FailureText}");
        }

        return new ServerParameterNames(result.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => line.Split('\t')[0]));
    }
}
