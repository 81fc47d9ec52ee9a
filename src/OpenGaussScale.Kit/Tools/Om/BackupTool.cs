using System.Formats.Tar;
using System.Globalization;
using OpenGaussScale.Kit.Cli;
using OpenGaussScale.Kit.Cluster;
using OpenGaussScale.Kit.Settings;
using OpenGaussScale.Kit.Tools.GsOm;

namespace OpenGaussScale.Kit.Tools.Om;

/// <summary>
/// script/local/Backup.py -U USER -P DIR -p --nodeName=HOST -l LOG (reference 4.2 step 2.1): DIR/parameter_HOST.tar holding
/// parameter_HOST/ID_postgresql.conf, ID_pg_hba.conf and a hostname file.
/// </summary>
public sealed class BackupTool : ITool
{
    private static readonly OptionSpec[] Specs =
    [
        new("U", true, "-U"),
        new("P", true, "-P"),
        new("p", false, "-p"),
        new("b", false, "-b"),
        new("nodeName", true, "--nodeName"),
        new("l", true, "-l"),
    ];

    public string Name => "Backup.py";

    public int Run(IReadOnlyList<string> args, ToolContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var parsed = OmErrors.Parse(args, Specs);
        _ = parsed.Last("U") ?? throw OmErrors.Missing("-U");
        var directory = parsed.Last("P") ?? throw OmErrors.Missing("-P");
        if (parsed.Has("b") || !parsed.Has("p"))
        {
            throw new KitException("[GAUSS-50004] : The kit's Backup.py backs up parameter files only: use -p (binary backup -b is not supported).");
        }

        var nodeName = parsed.Last("nodeName") ?? throw OmErrors.Missing("--nodeName");
        var log = new OmLog(parsed.Last("l"));
        var config = StaticConfig.Load(StaticConfig.PathIn(context.RequireEnv("GAUSSHOME")));
        var node = config.Cluster.NodeByName(nodeName)
            ?? throw new KitException($"[GAUSS-51619] : The host name [{nodeName}] is not in the cluster.");
        var staging = Path.Combine(directory, "parameter_" + nodeName);
        if (Directory.Exists(staging))
        {
            Directory.Delete(staging, recursive: true);
        }

        Directory.CreateDirectory(staging);
        foreach (var instance in node.DataNodes)
        {
            var dataDirectory = new DataDirectory(instance.DataDirectory);
            var id = instance.InstanceId.ToString(CultureInfo.InvariantCulture);
            File.Copy(dataDirectory.PostgresqlConf, Path.Combine(staging, id + "_postgresql.conf"));
            File.Copy(dataDirectory.HbaConf, Path.Combine(staging, id + "_pg_hba.conf"));
        }

        File.WriteAllText(Path.Combine(staging, "hostname"), nodeName + "\n");
        var tar = Path.Combine(directory, "parameter_" + nodeName + ".tar");
        File.Delete(tar);
        TarFile.CreateFromDirectory(staging, tar, includeBaseDirectory: true);
        Directory.Delete(staging, recursive: true);
        log.Write($"backed up the parameter files of {nodeName} to {tar}");
        return 0;
    }
}
