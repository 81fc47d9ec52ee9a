using OpenGaussScale.Core.Errors;
using OpenGaussScale.Playground.Engines;
using OpenGaussScale.Playground.Hosts;
using OpenGaussScale.Playground.Os;

namespace OpenGaussScale.Playground;

/// <summary>What a verb and an engine work with: the layout, the state, a shell into the hosts, and the progress log.</summary>
public sealed record PlaygroundContext(PlaygroundLayout Layout, PlaygroundState State, HostShell Shell, PlaygroundLog Log)
{
    /// <summary>The context of the playground in DIR, or a clear error when there is none.</summary>
    public static PlaygroundContext Load(string dir, PlaygroundLog log)
    {
        var layout = new PlaygroundLayout(Path.GetFullPath(dir));
        return new PlaygroundContext(layout, PlaygroundStateStore.Load(layout), new HostShell(layout), log);
    }

    /// <summary>The engine the playground was started with, or null when this build cannot drive it.</summary>
    public IPlaygroundEngine? TryEngine()
    {
        try
        {
            return PlaygroundEngines.Create(State.Engine);
        }
        catch (OgscaleException)
        {
            return null;
        }
    }

    public PlaygroundHost Host(int number)
    {
        var host = State.Host(number);
        return new PlaygroundHost(host.Number, host.SshPort);
    }

    public IEnumerable<PlaygroundHost> Hosts => State.PlaygroundHosts;

    /// <summary>The cgroup v2 path of host K as /proc/PID/cgroup shows it ("/ogscale-playground/ognodeK"), or null.</summary>
    public string? CgroupOf(int number)
    {
        var cgroup = State.Host(number).Cgroup;
        return cgroup is null || State.CgroupRoot is null ? null : "/" + Path.GetRelativePath(State.CgroupRoot, cgroup);
    }
}
