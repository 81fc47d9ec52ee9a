using OpenGaussScale.Core.Config;
using OpenGaussScale.Core.Execution;
using OpenGaussScale.Core.State;
using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;

namespace OpenGaussScale.Core.Engines.PostgreSql;

/// <summary>
/// A standby's replication credential: its own role on the primary (LOGIN REPLICATION and no other right, see
/// <see cref="PgNames.ReplicationRole"/>) with a password ogscale generates (32 random bytes, base64url), and that
/// password in the cluster user's .pgpass on the standby (0600, its own, written through a new file renamed over the
/// old one, never through a symbolic link). The password exists only in ogscale's memory while it runs and in that
/// .pgpass: the primary gets its SCRAM verifier (<see cref="ScramVerifier"/>) on psql's standard input, the standby the
/// .pgpass line on a shell's standard input; neither is ever an argument, a log line or a journal entry. Issuing again
/// gives a new password: the role is the standby's alone, so nothing else holds the old one.
/// </summary>
internal sealed class ReplicationCredential
{
    // $1 has|write|remove, $2 the start of the role's lines ("*:*:replication:ROLE:"); for write, standard input is the
    // new line. The file is the one libpq reads as this user (PGPASSFILE from the environment file, else ~/.pgpass).
    // has: exit 0 when a line for the role is there, 1 when not. write/remove: the other lines are kept, in order, in a
    // new file (mktemp: created exclusively, mode 0600) renamed over the old one, so a symbolic link is replaced, never
    // followed; a symbolic link or a non-regular file there is refused. A file left empty by remove goes.
    internal const string PassFileScript = """
        set -e
        umask 077
        f=${PGPASSFILE:-$HOME/.pgpass}
        case $f in /*) ;; *) echo "ogscale: the password file '$f' is not an absolute path" >&2; exit 2 ;; esac
        if [ -L "$f" ] || { [ -e "$f" ] && [ ! -f "$f" ]; }; then echo "ogscale: $f is not a regular file; refusing to write it" >&2; exit 3; fi
        if [ "$1" = has ]; then [ -f "$f" ] && awk -v p="$2" 'index($0, p) == 1 { found = 1 } END { exit found ? 0 : 1 }' "$f"; exit; fi
        if [ "$1" = remove ] && [ ! -f "$f" ]; then exit 0; fi
        t=$(mktemp "$(dirname "$f")/.pgpass.ogscale-XXXXXX")
        trap 'rm -f "$t"' EXIT
        if [ -f "$f" ]; then awk -v p="$2" 'index($0, p) != 1' "$f" > "$t"; fi
        if [ "$1" = write ]; then IFS= read -r line; printf '%s\n' "$line" >> "$t"; fi
        chmod 600 "$t"
        if [ "$1" = remove ] && [ ! -s "$t" ]; then rm -f "$f"; exit 0; fi
        mv -f "$t" "$f"
        trap - EXIT
        """;

    private const string Rights = "LOGIN REPLICATION NOSUPERUSER NOCREATEDB NOCREATEROLE NOINHERIT NOBYPASSRLS";

    private readonly string _user;
    private readonly string _environmentFile;

    public ReplicationCredential(NodeConfig standby, NodeConfig primary, string user, string environmentFile)
    {
        Standby = standby;
        Primary = primary;
        Role = PgNames.ReplicationRole(standby);
        _user = user;
        _environmentFile = environmentFile;
        var prefix = $"*:*:replication:{PgNames.PassFileField(Role)}:";
        HasLine = PassFile(standby, "has", prefix);
        WriteLine = PassFile(standby, "write", prefix);
        RemoveLine = PassFile(standby, "remove", prefix);
        RoleExists = PgSql.Command(primary, user, environmentFile, $"select count(*) from pg_catalog.pg_roles where rolname = {PgNames.Literal(Role)}");
        SetRole = PgSql.StdinCommand(primary, user, environmentFile);
        DropRole = PgSql.Command(primary, user, environmentFile, $"drop role if exists {PgNames.Identifier(Role)}");
    }

    public NodeConfig Standby { get; }

    public NodeConfig Primary { get; }

    public string Role { get; }

    /// <summary>On the standby: succeeds when the .pgpass has a line for the role.</summary>
    public PlannedCommand HasLine { get; }

    /// <summary>On the standby: the role's .pgpass line replaced by the one on standard input (set only when it runs).</summary>
    public PlannedCommand WriteLine { get; }

    /// <summary>On the standby: the role's .pgpass line removed.</summary>
    public PlannedCommand RemoveLine { get; }

    /// <summary>On the primary: 1 when the role exists, else 0.</summary>
    public PlannedCommand RoleExists { get; }

    /// <summary>On the primary: CREATE or ALTER ROLE with the verifier, as SQL on psql's standard input (set only when it runs).</summary>
    public PlannedCommand SetRole { get; }

    public PlannedCommand DropRole { get; }

    /// <summary>The commands that issue the credential, as --dry-run prints them (without their standard input).</summary>
    public IReadOnlyList<PlannedCommand> Issue => [WriteLine, SetRole];

    /// <summary>32 random bytes, base64url: 43 characters, no ':' or '\' (nothing to escape), nothing SASLprep changes.</summary>
    public static string NewPassword() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));

    /// <summary>The statement that gives the role its rights and the password whose verifier this is.</summary>
    public static string RoleSql(string role, bool exists, string verifier) =>
        $"{(exists ? "ALTER" : "CREATE")} ROLE {PgNames.Identifier(role)} WITH {Rights} PASSWORD {PgNames.Literal(verifier)};\n";

    /// <summary>
    /// On the standby, as the cluster user: a physical replication connection to <paramref name="upstream"/> as the role,
    /// with the password libpq finds in the .pgpass (PGPASSWORD, which libpq would prefer, is removed), never prompting.
    /// </summary>
    public PlannedCommand Probe(NodeConfig upstream) =>
        StepContextExtensions.AsUser(
            Standby, _user, _environmentFile,
            "env", "-u", "PGPASSWORD", "psql", "-X", "-A", "-t", "-q", "-w",
            "-d", $"host={upstream.BackIp} port={upstream.Port.ToString(CultureInfo.InvariantCulture)} user={Role} dbname=replication replication=true connect_timeout=10",
            "-c", "IDENTIFY_SYSTEM");

    /// <summary>
    /// A new password: the .pgpass line on the standby first, then the role on the primary (created, or given the new
    /// password and its rights), each journaled before it is made when <paramref name="journal"/> is true (an undo that
    /// issues again journals nothing).
    /// </summary>
    public async Task IssueAsync(StepContext context, bool journal, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var password = NewPassword();
        if (journal)
        {
            var present = await HasLineAsync(context, cancellationToken).ConfigureAwait(false);
            await context.RecordChangeAsync(
                new ChangeRecord { Kind = ChangeKinds.PassFile, Host = Standby.BackIp, Name = Role, NewValue = "written", OldValue = present ? "present" : null },
                cancellationToken).ConfigureAwait(false);
        }

        await context.RunAsync(WithInput(WriteLine, PgNames.PassFileLine(Role, password) + "\n"), cancellationToken).ConfigureAwait(false);
        var exists = await ExistsAsync(context, cancellationToken).ConfigureAwait(false);
        if (journal)
        {
            await context.RecordChangeAsync(
                new ChangeRecord { Kind = ChangeKinds.Role, Host = Primary.BackIp, Name = Role, NewValue = exists ? "password-set" : "created" },
                cancellationToken).ConfigureAwait(false);
        }

        await context.RunAsync(WithInput(SetRole, RoleSql(Role, exists, ScramVerifier.Create(password))), cancellationToken).ConfigureAwait(false);
    }

    public async Task<bool> ExistsAsync(StepContext context, CancellationToken cancellationToken) =>
        PgSql.FirstRow(await context.RunAsync(RoleExists, cancellationToken).ConfigureAwait(false)) is ["1"];

    private async Task<bool> HasLineAsync(StepContext context, CancellationToken cancellationToken)
    {
        var result = await context.TryRunAsync(HasLine, cancellationToken).ConfigureAwait(false);
        return result.ExitCode switch
        {
            0 => true,
            1 => false,
            _ => throw new InvalidOperationException($"{Standby.Name}: cannot read the password file of {_user}: {result.Tail()}"),
        };
    }

    private static PlannedCommand WithInput(PlannedCommand command, string input) => command with { Command = command.Command with { StandardInput = input } };

    private PlannedCommand PassFile(NodeConfig node, string mode, string prefix) =>
        StepContextExtensions.AsUser(node, _user, _environmentFile, "sh", "-c", PassFileScript, "ogscale-pgpass", mode, prefix);
}
