using System.Security.Cryptography;
using OpenGaussScale.Kit.Cli;
using OpenGaussScale.Kit.Cluster;
using OpenGaussScale.Kit.Processes;
using OpenGaussScale.Kit.Tools.GsOm;

namespace OpenGaussScale.Kit.Tools.Om;

/// <summary>
/// script/local/Install.py -t install_cluster -U USER:GROUP -X XML -R APPPATH -c CLUSTERNAME -l LOG (reference 3.1 step 5.1):
/// checks the Server tarball against its .sha256, unpacks it into the app path and writes the static config for this host.
/// </summary>
public sealed class InstallTool : ITool
{
    private static readonly OptionSpec[] Specs =
    [
        new("t", true, "-t"),
        new("U", true, "-U"),
        new("X", true, "-X"),
        new("R", true, "-R"),
        new("c", true, "-c"),
        new("l", true, "-l"),
    ];

    public string Name => "Install.py";

    public int Run(IReadOnlyList<string> args, ToolContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var parsed = OmErrors.Parse(args, Specs);
        var action = parsed.Last("t") ?? throw OmErrors.Missing("-t");
        if (action != "install_cluster")
        {
            throw new KitException($"[GAUSS-50004] : The parameter '-t' value is incorrect. The kit supports install_cluster only (got {action}).");
        }

        var userGroup = (parsed.Last("U") ?? throw OmErrors.Missing("-U")).Split(':');
        if (userGroup.Length != 2 || userGroup[0] != Environment.UserName)
        {
            throw new KitException($"[GAUSS-50004] : The parameter '-U' value is incorrect. Expected {Environment.UserName}:GROUP, the user running the script.");
        }

        var cluster = ClusterXml.Load(parsed.Last("X") ?? throw OmErrors.Missing("-X"));
        var appPath = parsed.Last("R") ?? cluster.AppPath;
        var log = new OmLog(parsed.Last("l"));
        var node = cluster.LocalNode(Environment.MachineName)
            ?? throw new KitException($"[GAUSS-51620] : Failed to obtain local instance information. This host ({Environment.MachineName}) is not in the XML.");

        var package = FindServerPackage(KitLayout.PackageDirectory);
        log.Write($"checking {package} against its sha256 file");
        var expected = File.ReadAllText(package[..^".tar.bz2".Length] + ".sha256").Trim().Split([' ', '\n'])[0];
        string actual;
        using (var stream = File.OpenRead(package))
        {
            actual = Convert.ToHexStringLower(SHA256.HashData(stream));
        }

        if (!string.Equals(expected, actual, StringComparison.OrdinalIgnoreCase))
        {
            throw new KitException($"[GAUSS-51635] : The sha256 value is different. Package {package} has {actual}, its .sha256 file says {expected}.");
        }

        Directory.CreateDirectory(appPath);
        var unpacked = ProcessRunner.Run("tar", ["-xjf", package, "-C", appPath], timeout: TimeSpan.FromMinutes(10));
        if (!unpacked.Succeeded)
        {
            throw new KitException($"[GAUSS-50217] : Failed to decompress {package} into {appPath}: {unpacked.FailureText}");
        }

        log.Write($"unpacked {package} into {appPath}");
        StaticConfig.For(cluster with { AppPath = appPath }, node.Id).Save(StaticConfig.PathIn(appPath));

        var envFile = context.Env("MPPDB_ENV_SEPARATE_PATH") ?? Path.Combine(context.Env("HOME") ?? "/nonexistent", ".bashrc");
        if (File.Exists(envFile))
        {
            File.WriteAllText(envFile, EnvironmentFile.MarkInstalled(File.ReadAllText(envFile)));
        }

        log.Write("install_cluster finished");
        return 0;
    }

    /// <summary>The one openGauss-Server-*.tar.bz2 in the package directory.</summary>
    public static string FindServerPackage(string directory)
    {
        var packages = Directory.Exists(directory) ? Directory.GetFiles(directory, "openGauss-Server-*-64bit.tar.bz2") : [];
        return packages.Length == 1
            ? packages[0]
            : throw new KitException($"[GAUSS-50201] : Package [{directory}/openGauss-Server-*-64bit.tar.bz2] is not found{(packages.Length > 1 ? " (several found)" : string.Empty)}.");
    }
}
