namespace OpenGaussScale.E2E.Tests.Support;

/// <summary>
/// One playground for a test class: `up --engine postgresql` in a fresh DIR before the first test, `down` after the
/// last one, even when tests failed. Does nothing where the tests are skipped.
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

    private string[] ExtraUpArgs { get; }

    /// <summary>What `up` printed (stdout), for tests of its summary.</summary>
    public ProcessResult? Up { get; private set; }

    public async Task InitializeAsync()
    {
        if (PlaygroundRequirement.SkipReason is not null)
        {
            return;
        }

        Up = await OgscaleProcess.RunAsync(
            ["playground", "up", "--engine", "postgresql", "--nodes", Nodes.ToString(System.Globalization.CultureInfo.InvariantCulture), "--dir", Dir, .. ExtraUpArgs],
            TimeSpan.FromMinutes(10));
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

        var down = await OgscaleProcess.RunAsync(["playground", "down", "--dir", Dir], TimeSpan.FromMinutes(2));
        if (down.ExitCode != 0)
        {
            throw new InvalidOperationException($"playground down failed: {down}");
        }

        Directory.Delete(Dir, recursive: true);
    }

    /// <summary>`ogscale playground VERB ... --dir DIR`.</summary>
    public Task<ProcessResult> PlaygroundAsync(params string[] args) =>
        OgscaleProcess.RunAsync(["playground", .. args, "--dir", Dir], TimeSpan.FromMinutes(2));

    public Task<ProcessResult> SshAsync(string target, params string[] argv) => HostSsh.RunAsync(Dir, target, argv);

    public Task<string> SshOkAsync(string target, params string[] argv) => HostSsh.OkAsync(Dir, target, argv);
}

/// <summary>Six hosts: 1 primary; 2 and 3 for isolation and pg_hba; 4 stop/start; 5 rekey; 6 alter.</summary>
public sealed class SixHostPlayground : PlaygroundFixture
{
    public SixHostPlayground()
        : base(6)
    {
    }
}
