using OpenGaussScale.Core.Engines.OpenGauss;
using OpenGaussScale.Core.Errors;
using OpenGaussScale.Core.Remote;
using OpenGaussScale.Kit.Cli;
using OpenGaussScale.Kit.Packaging;
using OpenGaussScale.Playground.Hosts;
using OpenGaussScale.Playground.Os;

namespace OpenGaussScale.Playground.Engines;

/// <summary>
/// openGauss through the command kit (ogkit, over PostgreSQL 15). `up` builds an openGauss-6.0-shaped release package
/// in DIR/package, sends it to host 1 (/opt/ogscale/package, the OM tarball unpacked there), and installs host 1 from
/// it the way openGauss does, all inside the host through its sshd: gs_preinstall as root, Install.py and
/// InitInstance.py as omm, gs_ctl start, a little pgbench data, and the static config (gs_om -t generateconf).
/// The other hosts keep only the user and empty directories: ogscale's expansion sends and installs the package there.
/// </summary>
public sealed class OpenGaussEngine : IPlaygroundEngine
{
    /// <summary>The kit's postmaster log (gs_ctl start writes it inside the data directory).</summary>
    public const string ServerLog = PlaygroundLayout.DataDir + "/ogkit/postmaster.log";

    /// <summary>$GAUSSLOG/om/gs_local.log, where openGauss's OM scripts log.</summary>
    public const string OmLog = PlaygroundLayout.LogPath + "/" + PlaygroundLayout.DbUser + "/om/gs_local.log";

    private const string Root = "root";
    private const string Omm = PlaygroundLayout.DbUser;

    public string Name => PlaygroundEngines.OpenGauss;

    /// <summary>Nothing: the kit's gs_preinstall writes omm's environment on the hosts it installs.</summary>
    public IReadOnlyList<string> OmmEnvironment { get; } = [];

    public async Task StartPrimaryAsync(PlaygroundContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var host = context.Host(1);
        var package = BuildPackage(context);
        await SendPackageAsync(context, host, package, cancellationToken).ConfigureAwait(false);

        var xml = context.Layout.ClusterXml;
        var script = PlaygroundLayout.ToolPath + "/script";
        context.Log.Info($"{host.Name}: gs_preinstall -U {Omm} -G {PlaygroundLayout.DbGroup} -X {xml} (as root)");
        await context.Shell.RunCheckedAsync(
            host,
            Root,
            [$"{PlaygroundLayout.PackagePath}/script/gs_preinstall", "-U", Omm, "-G", PlaygroundLayout.DbGroup, "-X", xml, "--non-interactive"],
            cancellationToken: cancellationToken).ConfigureAwait(false);

        context.Log.Info($"{host.Name}: Install.py and InitInstance.py (as {Omm})");
        await RunAsOmmAsync(
            context,
            host,
            ["python3", $"{script}/local/Install.py", "-t", "install_cluster", "-U", $"{Omm}:{PlaygroundLayout.DbGroup}", "-X", xml,
             "-R", PlaygroundLayout.AppPath, "-c", PlaygroundLayout.ClusterName, "-l", OmLog],
            cancellationToken).ConfigureAwait(false);
        await RunAsOmmAsync(context, host, ["python3", $"{script}/local/InitInstance.py", "-U", Omm, "-l", OmLog], cancellationToken).ConfigureAwait(false);

        await StartDatabaseAsync(context, host, cancellationToken).ConfigureAwait(false);

        context.Log.Info($"{host.Name}: pgbench -i -s 1 and database {Omm}");
        await context.Shell.RunCheckedAsync(
            host,
            Omm,
            [$"{Postmaster.BinDir}/pgbench", "-i", "-q", "-s", "1", "-h", host.Address, "-p", Postmaster.Port, "postgres"],
            cancellationToken: cancellationToken).ConfigureAwait(false);
        await RunAsOmmAsync(context, host, ["gsql", "-d", "postgres", "-p", Postmaster.Port, "-c", $"CREATE DATABASE {Omm}"], cancellationToken).ConfigureAwait(false);

        context.Log.Info($"{host.Name}: gs_om -t generateconf -X {xml} --distribute");
        await RunAsOmmAsync(context, host, ["gs_om", "-t", "generateconf", "-X", xml, "--distribute"], cancellationToken).ConfigureAwait(false);
    }

    public async Task StartDatabaseAsync(PlaygroundContext context, PlaygroundHost host, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(host);
        context.Log.Info($"{host.Name}: gs_ctl start -D {PlaygroundLayout.DataDir}");

        // Without -M the node starts in the mode it was last started in (a built standby stays a standby).
        await RunAsOmmAsync(context, host, ["gs_ctl", "start", "-D", PlaygroundLayout.DataDir], cancellationToken, TimeSpan.FromMinutes(3)).ConfigureAwait(false);
    }

    public Task StopDatabaseAsync(PlaygroundContext context, PlaygroundHost host, DatabaseStopMode mode, CancellationToken cancellationToken) =>
        Postmaster.StopAsync(context, host, mode, ServerLog, cancellationToken);

    public Task<CommandResult> SqlAsync(PlaygroundContext context, PlaygroundHost host, string sql, CancellationToken cancellationToken) =>
        Postmaster.SqlAsync(context, host, sql, cancellationToken);

    /// <summary>gs_ctl query's local_role (Primary, Normal, Standby, Cascade Standby...), with db_state when it is not Normal.</summary>
    public async Task<string> RoleAsync(PlaygroundContext context, PlaygroundHost host, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var result = await context.Shell.RunAsync(
            host, Omm, HostShell.WithEnvironment(["gs_ctl", "query", "-D", PlaygroundLayout.DataDir]), cancellationToken: cancellationToken).ConfigureAwait(false);
        var query = GsCtlQuery.Parse(result.StandardOutput + result.StandardError);
        if (!result.Succeeded || !query.ServerRunning || query.LocalRole is null)
        {
            return "unknown";
        }

        return query.IsDbState("Normal") ? query.LocalRole : $"{query.LocalRole} ({query.DbState})";
    }

    public IReadOnlyList<(string Label, string Path)> Files(PlaygroundLayout layout)
    {
        ArgumentNullException.ThrowIfNull(layout);
        return [("package", layout.PackageDir), ("on ognode1", PlaygroundLayout.PackagePath)];
    }

    public IReadOnlyList<string> NextCommands(PlaygroundLayout layout)
    {
        ArgumentNullException.ThrowIfNull(layout);
        return [$"ssh -F {layout.SshConfig} omm@ognode1 'source ~/.bashrc && gs_om -t status --detail'"];
    }

    // The release files, built from the ogkit next to this assembly.
    private static PackageFiles BuildPackage(PlaygroundContext context)
    {
        context.Log.Info($"building the openGauss package (ogkit) in {context.Layout.PackageDir}");
        try
        {
            return PackageBuilder.Build(PackageBuilder.DefaultKitDirectory, context.Layout.PackageDir);
        }
        catch (KitException e)
        {
            throw new OgscaleException($"cannot build the openGauss package: {e.Message}", "rebuild ogscale (the kit's ogkit.dll must sit next to it)", ExitCodes.Unexpected, e);
        }
    }

    // As a DBA unpacks a release on the primary: the tarballs in one directory, the OM tarball unpacked next to them.
    private static async Task SendPackageAsync(PlaygroundContext context, PlaygroundHost host, PackageFiles package, CancellationToken cancellationToken)
    {
        context.Log.Info($"{host.Name}: sending the package to {PlaygroundLayout.PackagePath}");
        FileOwner.Directory(context.Layout.FromOutside(host.Number, PlaygroundLayout.PackagePath), FileOwner.Mode0755);
        await context.Shell.CopyAsync(host, Root, package.All, PlaygroundLayout.PackagePath + "/", cancellationToken).ConfigureAwait(false);
        await context.Shell.RunCheckedAsync(
            host,
            Root,
            ["tar", "-xzf", $"{PlaygroundLayout.PackagePath}/{Path.GetFileName(package.OmTarball)}", "-C", PlaygroundLayout.PackagePath],
            cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    private static Task<CommandResult> RunAsOmmAsync(PlaygroundContext context, PlaygroundHost host, IReadOnlyList<string> argv, CancellationToken cancellationToken, TimeSpan? timeout = null) =>
        context.Shell.RunCheckedAsync(host, Omm, HostShell.WithEnvironment(argv), timeout, cancellationToken: cancellationToken);
}
