using OpenGaussScale.Core.Errors;

namespace OpenGaussScale.Playground.Os;

/// <summary>
/// The Debian packages the playground needs, found by the files they install; missing ones are installed with
/// apt-get (never upgrading what is there), with a temporary policy-rc.d so no package starts a service on 0.0.0.0.
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

    /// <summary>The packages whose files are missing.</summary>
    public static IReadOnlyList<string> Missing() =>
        [.. Required.Where(r => !r.Files.All(File.Exists)).Select(r => r.Package)];

    /// <summary>Installs the missing packages; returns them (empty when nothing was missing).</summary>
    public static async Task<IReadOnlyList<string>> InstallMissingAsync(Action<string> log, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(log);
        var missing = Missing();
        if (missing.Count == 0)
        {
            return missing;
        }

        log($"installing missing packages: {string.Join(' ', missing)} (apt-get, --no-upgrade)");
        var madePolicy = false;
        if (!File.Exists(PolicyRcD))
        {
            await File.WriteAllTextAsync(PolicyRcD, "#!/bin/sh\n# written by ogscale playground during apt-get install: no service starts\nexit 101\n", cancellationToken).ConfigureAwait(false);
            File.SetUnixFileMode(PolicyRcD, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
            madePolicy = true;
        }

        try
        {
            var environment = new Dictionary<string, string> { ["DEBIAN_FRONTEND"] = "noninteractive" };
            await RunAptAsync(["apt-get", "update", "-qq", "-o", "DPkg::Lock::Timeout=120"], environment, cancellationToken).ConfigureAwait(false);
            await RunAptAsync(
                ["apt-get", "install", "-y", "-qq", "--no-install-recommends", "--no-upgrade", "-o", "DPkg::Lock::Timeout=120", .. missing],
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

        var stillMissing = Missing();
        if (stillMissing.Count > 0)
        {
            throw new OgscaleException($"packages still missing after apt-get install: {string.Join(' ', stillMissing)}", "install them by hand and run up again", ExitCodes.PreconditionFailed);
        }

        return missing;
    }

    private static async Task RunAptAsync(IReadOnlyList<string> argv, IReadOnlyDictionary<string, string> environment, CancellationToken cancellationToken)
    {
        var result = await ProcessRunner.RunAsync(argv, TimeSpan.FromMinutes(10), environment: environment, cancellationToken: cancellationToken).ConfigureAwait(false);
        if (!result.Succeeded)
        {
            throw new OgscaleException(
                $"{argv[0]} {argv[1]} failed (exit {result.ExitCode}): {result.Tail()}",
                "install openssh-server nftables postgresql-15 postgresql-client-15 bzip2 by hand (apt-get install --no-upgrade ...) and run up again",
                ExitCodes.PreconditionFailed);
        }
    }
}
