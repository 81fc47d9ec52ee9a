using OpenGaussScale.Cli.Tests.BadInput;
using System.Diagnostics;
using System.Net;
using System.Runtime.Versioning;

namespace OpenGaussScale.Cli.Tests.Security;

/// <summary>
/// ogscale run as its own process, the way root runs it on the primary: `dotnet ogscale.dll ARGS` with a chosen
/// umask, current directory and environment, against a cluster whose primary is this host (so every command runs
/// locally, through the local shell, as -U's user; nothing is contacted). Its directory (0755, the cluster user may
/// read the environment file) holds the XML, the environment file, a HOME for ogscale and an `out` folder (0777)
/// that the commands run as the cluster user write what they saw into.
/// </summary>
[SupportedOSPlatform("linux")]
internal sealed class OgscaleChild : IDisposable
{
    private static readonly UnixFileMode Mode0755 = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute |
        UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute;

    public OgscaleChild()
    {
        Dir = Directory.CreateTempSubdirectory("ogscale-child-").FullName;
        File.SetUnixFileMode(Dir, Mode0755);
        Directory.CreateDirectory(Out);
        File.SetUnixFileMode(Out, Mode0755 | UnixFileMode.GroupWrite | UnixFileMode.OtherWrite);
        Directory.CreateDirectory(Home);
        File.WriteAllText(Xml, ClusterXml(Dns.GetHostName()));

        // Sourced by bash as the cluster user before each command on the primary: it records what that command sees.
        File.WriteAllText(EnvironmentFile, $"env > {Out}/env; umask > {Out}/umask\n");
        File.SetUnixFileMode(EnvironmentFile, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
    }

    public string Dir { get; }

    public string Xml => Path.Combine(Dir, "cluster.xml");

    public string EnvironmentFile => Path.Combine(Dir, "env.sh");

    public string Out => Path.Combine(Dir, "out");

    /// <summary>ogscale's HOME: its state directory (~/.ogscale) is under it.</summary>
    public string Home => Path.Combine(Dir, "home");

    /// <summary>`expand` of one of the XML's standbys, as root for the cluster user nobody, with the recording environment file.</summary>
    public string[] Expand => ["expand", "-U", "nobody", "-G", "nogroup", "-X", Xml, "-h", "127.0.0.2", "--env-file", EnvironmentFile];

    /// <summary>Runs ogscale under umask <paramref name="umask"/> in <paramref name="workingDirectory"/>, with this process's environment plus <paramref name="environment"/>.</summary>
    public async Task<CliRun> RunAsync(string[] args, string umask, string workingDirectory, IReadOnlyDictionary<string, string> environment)
    {
        var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "/usr/bin/dotnet";
        var start = new ProcessStartInfo("/bin/sh")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory,
        };
        foreach (var argument in new[] { "-c", "umask \"$1\" && shift && exec \"$@\"", "sh", umask, dotnet, Path.Combine(AppContext.BaseDirectory, "ogscale.dll") }.Concat(args))
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["HOME"] = Home;
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"ogscale {string.Join(' ', args)} did not finish within 2 minutes\n{await stderr}");
        }

        return new CliRun(process.ExitCode, await stdout, await stderr);
    }

    public void Dispose() => Directory.Delete(Dir, recursive: true);

    // The valid four-node template with this host as the primary (so ogscale runs its commands locally), loopback
    // addresses and paths in the directory. The standbys are never reached: the run stops at the engine check on the
    // primary, which finds neither gs_ctl nor pg_ctl for nobody.
    private string ClusterXml(string thisHost) => BadInputXml.Render(new Dictionary<string, string>
    {
        ["nodeNames"] = $"{thisHost},node2,node3,node4",
        ["name1"] = thisHost,
        ["gaussdbAppPath"] = $"{Dir}/app",
        ["gaussdbLogPath"] = $"{Dir}/log",
        ["tmpMppdbPath"] = $"{Dir}/tmp",
        ["gaussdbToolPath"] = $"{Dir}/tool",
        ["corePath"] = $"{Dir}/core",
        ["dataNode1"] = $"{Dir}/data/dn,node2,{Dir}/data/dn,node3,{Dir}/data/dn,node4,{Dir}/data/dn",
        ["backIp1s"] = "127.0.0.1,127.0.0.2,127.0.0.3,127.0.0.4",
        ["backIp1"] = "127.0.0.1", ["backIp2"] = "127.0.0.2", ["backIp3"] = "127.0.0.3", ["backIp4"] = "127.0.0.4",
        ["sshIp1"] = "127.0.0.1", ["sshIp2"] = "127.0.0.2", ["sshIp3"] = "127.0.0.3", ["sshIp4"] = "127.0.0.4",
    });
}
