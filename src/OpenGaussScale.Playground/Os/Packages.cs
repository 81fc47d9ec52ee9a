using OpenGaussScale.Core.Errors;

namespace OpenGaussScale.Playground.Os;

/// <summary>
/// The Debian packages the playground needs. A package counts as there when dpkg has it installed and the files the
/// playground uses exist; missing ones are installed with apt-get (never upgrading what is there), with a temporary
/// policy-rc.d so no package starts a service on 0.0.0.0. `up` runs this before anything that needs one of them
/// (nft, sshd, ssh-keygen, PostgreSQL), so a machine with only the .NET SDK gets them first.
/// </summary>
public static class Packages
{
    private const string PolicyRcD = "/usr/sbin/policy-rc.d";

    /// <summary>Package and the files that show it is installed.</summary>
    private static readonly (string Package, string[] Files)[] Required =
    [
        ("openssh-server", ["/usr/sbin/sshd", "/usr/lib/openssh/sftp-server"]),
        ("openssh-client", ["/usr/bin/ssh", "/usr/bin/ssh-keygen"]),
        ("nftables", ["/usr/sbin/nft"]),
        ("postgresql-15", ["/usr/lib/postgresql/15/bin/postgres", "/usr/lib/postgresql/15/bin/initdb", "/usr/lib/postgresql/15/bin/pg_ctl",
            "/usr/lib/postgresql/15/bin/pgbench", "/usr/lib/postgresql/15/bin/pg_basebackup"]),
        ("postgresql-client-15", ["/usr/lib/postgresql/15/bin/psql"]),
        ("bzip2", ["/bin/bzip2"]),
    ];

    /// <summary>The packages dpkg does not have installed, or whose files are gone.</summary>
    public static async Task<IReadOnlyList<string>> MissingAsync(CancellationToken cancellationToken)
    {
        var installed = await InstalledAsync(cancellationToken).ConfigureAwait(false);
        return [.. Required.Where(r => !installed.Contains(r.Package) || !r.Files.All(File.Exists)).Select(r => r.Package)];
    }

    /// <summary>Installs the missing packages; returns them (empty when nothing was missing).</summary>
    public static async Task<IReadOnlyList<string>> InstallMissingAsync(Action<string> log, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(log);
        var missing = await MissingAsync(cancellationToken).ConfigureAwait(false);
        if (missing.Count == 0)
        {
            return missing;
        }

        log($"installing missing packages: {string.Join(' ', missing)} (apt-get, --no-upgrade)");
        var madePolicy = false;
        if (!File.Exists(PolicyRcD))
        {
            await File.WriteAllTextAsync(PolicyRcD, "#!/bin/sh\n# written by ogscale-playground during apt-get install: no service starts\nexit 101\n", cancellationToken).ConfigureAwait(false);
            File.SetUnixFileMode(PolicyRcD, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
            madePolicy = true;
        }

        try
        {
            var environment = new Dictionary<string, string> { ["DEBIAN_FRONTEND"] = "noninteractive" };
            await RunAptAsync(["apt-get", "update", "-qq", "-o", "DPkg::Lock::Timeout=120"], missing, environment, cancellationToken).ConfigureAwait(false);
            await RunAptAsync(
                ["apt-get", "install", "-y", "-qq", "--no-install-recommends", "--no-upgrade", "-o", "DPkg::Lock::Timeout=120", .. missing],
                missing,
                environment,
                cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            if (madePolicy)
            {
                File.Delete(PolicyRcD);
            }
        }

        var stillMissing = await MissingAsync(cancellationToken).ConfigureAwait(false);
        if (stillMissing.Count > 0)
        {
            throw new OgscaleException(
                $"packages still missing after apt-get install: {string.Join(' ', stillMissing)}",
                $"install them by hand ({InstallCommand(stillMissing)}, as root) and run the command again",
                ExitCodes.PreconditionFailed);
        }

        return missing;
    }

    /// <summary>The command a user types to install the packages.</summary>
    public static string InstallCommand(IEnumerable<string> packages) =>
        $"apt-get update && apt-get install --no-install-recommends --no-upgrade {string.Join(' ', packages)}";

    // `dpkg-query -W` prints a line per package it knows (its status word "installed" when it is) and fails, naming
    // them on stderr, for packages it has never heard of; either way the lines it printed are what counts.
    private static async Task<HashSet<string>> InstalledAsync(CancellationToken cancellationToken)
    {
        var result = await ProcessRunner.TryRunAsync(
            ["dpkg-query", "-W", "-f", "${Package}\t${db:Status-Status}\n", .. Required.Select(r => r.Package)],
            TimeSpan.FromSeconds(30),
            cancellationToken).ConfigureAwait(false);
        return result is null
            ? []
            : [.. result.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries)
                .Select(l => l.Split('\t'))
                .Where(f => f.Length == 2 && f[1].Trim() == "installed")
                .Select(f => f[0])];
    }

    private static async Task RunAptAsync(
        IReadOnlyList<string> argv, IReadOnlyList<string> missing, IReadOnlyDictionary<string, string> environment, CancellationToken cancellationToken)
    {
        var hint = $"install them by hand ({InstallCommand(missing)}, as root; on a system without apt, with its own package manager) and run the command again";
        var result = await ProcessRunner.TryRunAsync(argv, TimeSpan.FromMinutes(10), cancellationToken, environment).ConfigureAwait(false)
            ?? throw new OgscaleException($"the playground needs {string.Join(' ', missing)}, and apt-get cannot run here to install them", hint, ExitCodes.PreconditionFailed);
        if (!result.Succeeded)
        {
            throw new OgscaleException(
                $"{argv[0]} {argv[1]} failed (exit {result.ExitCode}) while installing {string.Join(' ', missing)}: {result.Tail()}",
                hint,
                ExitCodes.PreconditionFailed);
        }
    }
}
