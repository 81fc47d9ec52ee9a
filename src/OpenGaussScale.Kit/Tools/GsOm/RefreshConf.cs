using OpenGaussScale.Kit.Cli;
using OpenGaussScale.Kit.Cluster;
using OpenGaussScale.Kit.Remote;

namespace OpenGaussScale.Kit.Tools.GsOm;

/// <summary>gs_om -t refreshconf: the local refresh here, and Resetreplconninfo.py on every other node over SSH.</summary>
public sealed class RefreshConf
{
    private readonly KitServices _services;

    public RefreshConf(KitServices services)
    {
        _services = services;
    }

    public int Run()
    {
        var output = _services.Context.Out;
        var config = StaticConfig.Load(StaticConfig.PathIn(_services.Context.RequireEnv("GAUSSHOME")));
        var gpHome = _services.Context.RequireEnv("GPHOME");
        output.WriteLine("Generating dynamic configuration file for all nodes.");
        new LocalRefresh(_services).Run();
        var hostName = Environment.MachineName;
        var environmentFile = RemoteHost.EnvironmentFileFor(_services.Context);
        foreach (var node in config.Cluster.Nodes.Where(n => n.Id != config.LocalNodeId && n.Name != hostName))
        {
            var result = new RemoteHost(node.SshIp, environmentFile).Run(
                ["python3", Path.Combine(gpHome, "script", "local", "Resetreplconninfo.py"), "-U", KitServices.CurrentUser, "-t", "reset"]);
            if (!result.Succeeded)
            {
                throw new KitException($"[GAUSS-51607] : Failed to refresh the dynamic configuration on {node.Name} ({node.SshIp}): {result.FailureText}");
            }
        }

        output.WriteLine("Successfully generated dynamic configuration file for all nodes.");
        return 0;
    }
}
