using OpenGaussScale.Kit.Cli;
using OpenGaussScale.Kit.Cluster;
using OpenGaussScale.Kit.Tools.GsOm;

namespace OpenGaussScale.Kit.Tools.Om;

/// <summary>
/// script/gs_preinstall -U USER -G GROUP -X XML --non-interactive [--sep-env-file=FILE] (reference 3.1 step 2.3), as root:
/// checks the user and group, creates the XML's directories for this host with owners and modes, writes the user's
/// environment, and installs the OM scripts (and the Server package next to them) into $GPHOME.
/// </summary>
public sealed class PreinstallTool : ITool
{
    private static readonly OptionSpec[] Specs =
    [
        new("U", true, "-U"),
        new("G", true, "-G"),
        new("X", true, "-X"),
        new("L", false, "-L"),
        new("non-interactive", false, "--non-interactive"),
        new("sep-env-file", true, "--sep-env-file"),
        new("unused-third-party", false, "--unused-third-party"),
        new("skip-hostname-set", false, "--skip-hostname-set"),
        new("help", false, "-?", "--help"),
        new("version", false, "-V", "--version"),
    ];

    public string Name => "gs_preinstall";

    public int Run(IReadOnlyList<string> args, ToolContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var parsed = OmErrors.Parse(args, Specs);
        if (parsed.Has("help"))
        {
            context.Out.WriteLine("gs_preinstall -U USER -G GROUP -X XMLFILE [-L] [--sep-env-file=ENVFILE] [--non-interactive] [--skip-hostname-set] [--unused-third-party]");
            return 0;
        }

        if (parsed.Has("version"))
        {
            context.Out.WriteLine("gs_preinstall " + KitVersion.Load().OmText);
            return 0;
        }

        if (Environment.UserName != "root")
        {
            throw new KitException("[GAUSS-50104] : Only a user with the root permission can run this script.");
        }

        var userName = parsed.Last("U") ?? throw OmErrors.Missing("-U");
        var groupName = parsed.Last("G") ?? throw OmErrors.Missing("-G");
        var xml = parsed.Last("X") ?? throw OmErrors.Missing("-X");
        var separateFile = parsed.Last("sep-env-file");
        var output = context.Out;

        output.WriteLine("Parsing the configuration file.");
        var cluster = ClusterXml.Load(xml);
        var hostName = Environment.MachineName;
        var node = cluster.LocalNode(hostName)
            ?? throw new KitException($"[GAUSS-51620] : Failed to obtain local instance information. This host ({hostName}) is not a DEVICE of {xml}.");
        output.WriteLine("Successfully parsed the configuration file.");

        var user = OsAccounts.FindUser(userName) ?? throw new KitException($"[GAUSS-50300] : User {userName} does not exist.");
        var group = OsAccounts.FindGroup(groupName) ?? throw new KitException($"[GAUSS-50300] : Group {groupName} does not exist.");
        if (user.Gid != group.Gid)
        {
            throw new KitException($"[GAUSS-50305] : The user {userName} is not in the group {groupName} (its primary group id is {user.Gid}, {groupName} is {group.Gid}).");
        }

        if (user.Uid == 0)
        {
            throw new KitException("[GAUSS-50302] : The cluster user cannot be a user with the root permission.");
        }

        output.WriteLine("Creating the cluster's directories.");
        FileSystem.CreateOwned(cluster.AppPath, userName, groupName, FileSystem.Mode750);
        FileSystem.CreateOwned(cluster.ToolPath, userName, groupName, FileSystem.Mode750);
        FileSystem.CreateOwned(cluster.LogPath, userName, groupName, FileSystem.Mode750);
        FileSystem.CreateOwned(Path.Combine(cluster.LogPath, userName), userName, groupName, FileSystem.Mode750);
        FileSystem.CreateOwned(cluster.TmpPath, userName, groupName, FileSystem.Mode700);
        if (cluster.CorePath is { } corePath)
        {
            FileSystem.CreateOwned(corePath, userName, groupName, FileSystem.Mode750);
        }

        foreach (var instance in node.DataNodes)
        {
            FileSystem.CreateOwned(instance.DataDirectory, userName, groupName, FileSystem.Mode700);
        }

        output.WriteLine("Successfully created the cluster's directories.");

        output.WriteLine("Installing the tools on the local node.");
        var targetScript = Path.Combine(cluster.ToolPath, "script");
        if (!string.Equals(Path.GetFullPath(KitLayout.ScriptDirectory), Path.GetFullPath(targetScript), StringComparison.Ordinal))
        {
            FileSystem.CopyTree(KitLayout.ScriptDirectory, targetScript);
            foreach (var file in Directory.EnumerateFiles(KitLayout.PackageDirectory, "openGauss-Server-*"))
            {
                File.Copy(file, Path.Combine(cluster.ToolPath, Path.GetFileName(file)), overwrite: true);
            }
        }

        Directory.CreateDirectory(Path.Combine(cluster.ToolPath, "lib"));
        FileSystem.Chown(cluster.ToolPath, userName, groupName, recursive: true);
        output.WriteLine("Successfully installed the tools on the local node.");

        output.WriteLine("Setting the environment variables file.");
        var envFile = separateFile ?? Path.Combine(user.Home, ".bashrc");
        var existing = File.Exists(envFile) ? File.ReadAllText(envFile) : string.Empty;
        var block = EnvironmentFile.Block(cluster, userName, KitVersion.Load().Version, separateFile, gaussEnv: 1);
        File.WriteAllText(envFile, separateFile is null ? EnvironmentFile.WithBlock(existing, block) : block);
        if (OperatingSystem.IsLinux())
        {
            File.SetUnixFileMode(envFile, separateFile is null ? FileSystem.Mode644 : FileSystem.Mode600);
        }

        FileSystem.Chown(envFile, userName, groupName, recursive: false);
        output.WriteLine($"Successfully set the environment variables file {envFile}.");
        output.WriteLine("Preinstallation succeeded.");
        return 0;
    }
}
