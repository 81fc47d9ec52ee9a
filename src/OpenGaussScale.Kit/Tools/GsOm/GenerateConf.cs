using OpenGaussScale.Kit.Cli;
using OpenGaussScale.Kit.Cluster;
using OpenGaussScale.Kit.Remote;

namespace OpenGaussScale.Kit.Tools.GsOm;

/// <summary>
/// gs_om -t generateconf: one static config per node (differing only in the local node id) under
/// $GPHOME/script/static_config_files/cluster_static_config_NODENAME; --distribute puts each at
/// $GAUSSHOME/bin/cluster_static_config on its node (the local one by copy, the others with scp).
/// </summary>
public sealed class GenerateConf
{
    private readonly KitServices _services;

    public GenerateConf(KitServices services)
    {
        _services = services;
    }

    public int Run(string xmlPath, bool distribute)
    {
        var output = _services.Context.Out;
        var cluster = ClusterXml.Load(xmlPath);
        var directory = Path.Combine(_services.Context.RequireEnv("GPHOME"), "script", "static_config_files");
        output.WriteLine("Generating static configuration files for all nodes.");
        output.WriteLine("Creating temp directory to store static configuration files.");
        Directory.CreateDirectory(directory);
        output.WriteLine("Successfully created the temp directory.");
        output.WriteLine("Generating static configuration files.");
        var files = new List<(ClusterNode Node, string File)>();
        foreach (var node in cluster.Nodes)
        {
            var file = Path.Combine(directory, StaticConfig.FileName + "_" + node.Name);
            StaticConfig.For(cluster, node.Id).Save(file);
            files.Add((node, file));
        }

        output.WriteLine("Successfully generated static configuration files.");
        output.WriteLine($"Static configuration files for all nodes are saved in {directory}.");
        if (!distribute)
        {
            return 0;
        }

        output.WriteLine("Distributing static configuration files to all nodes.");
        var target = StaticConfig.PathIn(cluster.AppPath);
        var hostName = Environment.MachineName;
        var environmentFile = RemoteHost.EnvironmentFileFor(_services.Context);
        foreach (var (node, file) in files)
        {
            if (node.Name == hostName)
            {
                File.Copy(file, target, overwrite: true);
                continue;
            }

            var copied = new RemoteHost(node.SshIp, environmentFile).Copy(file, target);
            if (!copied.Succeeded)
            {
                throw new KitException($"[GAUSS-50216] : Failed to distribute the static configuration file to {node.Name} ({node.SshIp}): {copied.FailureText}");
            }
        }

        output.WriteLine("Successfully distributed static configuration files.");
        return 0;
    }
}
