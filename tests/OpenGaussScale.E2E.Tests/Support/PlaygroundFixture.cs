namespace OpenGaussScale.E2E.Tests.Support;

/// <summary>
/// One playground for a test class: `up` in a fresh DIR before the first test, `down` after the last one, even when
/// tests failed. Does nothing where the tests are skipped.
/// </summary>
public abstract class PlaygroundFixture : IAsyncLifetime
{
    protected PlaygroundFixture(int nodes, params string[] extraUpArgs)
    {
        Nodes = nodes;
        ExtraUpArgs = extraUpArgs;
        Dir = Path.Combine(Path.GetTempPath(), "ogscale-e2e-" + Guid.NewGuid().ToString("N")[..8]);
    }

    public string Dir { get; }

    public int Nodes { get; }

    /// <summary>--engine for `up` (postgresql unless a fixture says otherwise); null passes none: the default engine, opengauss.</summary>
    public string? Engine { get; protected init; } = "postgresql";

    /// <summary>How long `up` took, as the test process saw it.</summary>
    public TimeSpan UpElapsed { get; private set; }

    private string[] ExtraUpArgs { get; }

    /// <summary>What `up` printed (stdout), for tests of its summary.</summary>
    public ProcessResult? Up { get; private set; }

    public async Task InitializeAsync()
    {
        if (PlaygroundRequirement.SkipReason is not null)
        {
            return;
        }

        var watch = System.Diagnostics.Stopwatch.StartNew();
        string[] engine = Engine is null ? [] : ["--engine", Engine];
        Up = await OgscaleProcess.RunPlaygroundAsync(
            ["up", .. engine, "--nodes", Nodes.ToString(System.Globalization.CultureInfo.InvariantCulture), "--dir", Dir, .. ExtraUpArgs],
            TimeSpan.FromMinutes(10));
        UpElapsed = watch.Elapsed;
        if (Up.ExitCode != 0)
        {
            await DisposeAsync();
            throw new InvalidOperationException($"playground up failed: {Up}");
        }
    }

    public async Task DisposeAsync()
    {
        if (PlaygroundRequirement.SkipReason is not null || !Directory.Exists(Dir))
        {
            return;
        }

        var down = await OgscaleProcess.RunPlaygroundAsync(["down", "--dir", Dir], TimeSpan.FromMinutes(2));
        if (down.ExitCode != 0)
        {
            throw new InvalidOperationException($"playground down failed: {down}");
        }

        Directory.Delete(Dir, recursive: true);
    }

    /// <summary>Host N's private directories as this machine sees them: the bind sources of /opt/ogscale, /home/omm and /root.</summary>
    public IReadOnlyList<string> HostSources(int node)
    {
        var layout = new OpenGaussScale.Playground.Hosts.PlaygroundLayout(Dir);
        return [layout.OptSource(node), layout.OmmHomeSource(node), layout.RootHome(node)];
    }

    /// <summary>`ogscale-playground VERB ... --dir DIR`.</summary>
    public Task<ProcessResult> PlaygroundAsync(params string[] args) =>
        OgscaleProcess.RunPlaygroundAsync([.. args, "--dir", Dir], TimeSpan.FromMinutes(2));

    public Task<ProcessResult> SshAsync(string target, params string[] argv) => HostSsh.RunAsync(Dir, target, argv);

    public Task<string> SshOkAsync(string target, params string[] argv) => HostSsh.OkAsync(Dir, target, argv);

    /// <summary>The argv as the user with the openGauss environment sourced (`source ~/.bashrc &amp;&amp; ...`), as OM runs its tools.</summary>
    public Task<ProcessResult> KitAsync(string target, params string[] argv) => HostSsh.RunAsync(Dir, target, HostSsh.WithEnvironment(argv));

    /// <summary>Same, asserting exit 0; returns stdout (untrimmed: the layouts matter).</summary>
    public async Task<string> KitOkAsync(string target, params string[] argv)
    {
        var result = await KitAsync(target, argv);
        Assert.True(result.ExitCode == 0, $"{target}: {string.Join(' ', argv)}: {result}");
        return result.Stdout;
    }
}

/// <summary>Six hosts: 1 primary; 2 and 3 for isolation and pg_hba; 4 stop/start; 5 rekey; 6 alter.</summary>
public sealed class SixHostPlayground : PlaygroundFixture
{
    public SixHostPlayground()
        : base(6)
    {
    }
}

/// <summary>The default `up` (engine opengauss, 4 hosts): the primary installed from the kit's package on ognode1.</summary>
public sealed class OpenGaussPlayground : PlaygroundFixture
{
    public OpenGaussPlayground()
        : base(4)
    {
        Engine = null;
    }
}

/// <summary>Two hosts, engine opengauss: ognode2 becomes a standby by hand, with the kit alone.</summary>
public sealed class TwoHostOpenGaussPlayground : PlaygroundFixture
{
    public TwoHostOpenGaussPlayground()
        : base(2)
    {
        Engine = null;
    }
}
