using OpenGaussScale.E2E.Tests.Support;

namespace OpenGaussScale.E2E.Tests;

/// <summary>
/// `playground up` on a machine with only the .NET SDK (the README's first command). The machine CI runs on has the
/// packages after its first run, so their absence is shown to `up` instead: a PATH whose dpkg-query knows none of
/// them, an apt-get that only writes down how it was called, and an nft that writes down any use. Up must install
/// before it uses nft or anything else a package brings, and say what is missing and how to install it when that fails.
/// </summary>
[Trait("Category", "E2E")]
public sealed class PlaygroundFreshMachineTests : IDisposable
{
    private const string PolicyRcD = "/usr/sbin/policy-rc.d";
    private static readonly string[] AllPackages = ["openssh-server", "openssh-client", "nftables", "postgresql-15", "postgresql-client-15", "bzip2"];
    private readonly string _dir = Directory.CreateTempSubdirectory("ogscale-e2e-fresh-").FullName;

    private string Bin => Path.Combine(_dir, "bin");

    private string Calls => Path.Combine(_dir, "calls");

    private string PlaygroundDir => Path.Combine(_dir, "pg");

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [PlaygroundFact]
    public async Task Up_installs_the_missing_packages_before_it_uses_any_of_them_and_names_what_is_still_missing()
    {
        var policyBefore = File.Exists(PolicyRcD);
        WriteFakes(aptExit: 0);

        var up = await UpAsync(pathTail: Environment.GetEnvironmentVariable("PATH"));

        Assert.True(up.ExitCode == 3, up.ToString());
        var calls = await File.ReadAllLinesAsync(Calls);
        Assert.Equal(2, calls.Length);
        Assert.StartsWith("apt-get update ", calls[0], StringComparison.Ordinal);
        Assert.StartsWith("apt-get install -y -qq --no-install-recommends --no-upgrade ", calls[1], StringComparison.Ordinal);
        Assert.EndsWith($" {string.Join(' ', AllPackages)} policy-rc.d=present", calls[1], StringComparison.Ordinal);
        Assert.Contains("policy-rc.d=present", calls[0], StringComparison.Ordinal);
        Assert.DoesNotContain(calls, c => c.StartsWith("nft", StringComparison.Ordinal));
        Assert.Contains($"installing missing packages: {string.Join(' ', AllPackages)} (apt-get, --no-upgrade)", up.Stderr, StringComparison.Ordinal);
        Assert.Contains($"error: packages still missing after apt-get install: {string.Join(' ', AllPackages)}", up.Stderr, StringComparison.Ordinal);
        Assert.Contains($"hint: install them by hand (apt-get update && apt-get install --no-install-recommends --no-upgrade {string.Join(' ', AllPackages)}, as root)", up.Stderr, StringComparison.Ordinal);
        Assert.Equal(policyBefore, File.Exists(PolicyRcD));
        Assert.False(Directory.Exists(PlaygroundDir), "up made its directory before the packages were there");
    }

    [PlaygroundFact]
    public async Task A_failing_apt_get_is_reported_with_the_packages_and_the_command_and_nothing_else_runs()
    {
        WriteFakes(aptExit: 100);

        var up = await UpAsync(pathTail: Environment.GetEnvironmentVariable("PATH"));

        Assert.True(up.ExitCode == 3, up.ToString());
        Assert.Equal(["apt-get update"], (await File.ReadAllLinesAsync(Calls)).Select(c => string.Join(' ', c.Split(' ').Take(2))));
        Assert.Contains($"error: apt-get update failed (exit 100) while installing {string.Join(' ', AllPackages)}: E: the fake archive is unreachable", up.Stderr, StringComparison.Ordinal);
        Assert.Contains($"apt-get install --no-install-recommends --no-upgrade {string.Join(' ', AllPackages)}", up.Stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(PlaygroundDir));
    }

    [PlaygroundFact]
    public async Task Without_apt_get_the_message_names_the_packages_to_install_another_way()
    {
        WriteFakes(aptExit: 0);
        File.Delete(Path.Combine(Bin, "apt-get"));

        // Only the fakes: no apt-get anywhere on this PATH (dotnet itself is started by its full path).
        var up = await UpAsync(pathTail: null);

        Assert.True(up.ExitCode == 3, up.ToString());
        Assert.Contains($"error: the playground needs {string.Join(' ', AllPackages)}, and apt-get cannot run here to install them", up.Stderr, StringComparison.Ordinal);
        Assert.Contains("on a system without apt, with its own package manager", up.Stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(Calls), "something a package brings was run");
    }

    private Task<ProcessResult> UpAsync(string? pathTail) =>
        ProcessRun.RunAsync(
            OgscaleProcess.Dotnet,
            [OgscaleProcess.PlaygroundDll, "up", "--nodes", "2", "--dir", PlaygroundDir],
            TimeSpan.FromMinutes(2),
            environment: new Dictionary<string, string> { ["PATH"] = pathTail is null ? Bin : $"{Bin}:{pathTail}" });

    // dpkg-query as on a machine that never had these packages (it names them on stderr and exits 1, printing nothing);
    // apt-get and nft write their argv to the calls file, apt-get also whether the no-service policy is in place.
    private void WriteFakes(int aptExit)
    {
        Directory.CreateDirectory(Bin);
        Fake("dpkg-query", "shift 3; for p in \"$@\"; do echo \"dpkg-query: no packages found matching $p\" >&2; done; exit 1");
        Fake("apt-get", $"p=absent; [ -e {PolicyRcD} ] && p=present; echo \"apt-get $* policy-rc.d=$p\" >> '{Calls}';" +
            (aptExit == 0 ? " exit 0" : $" echo 'E: the fake archive is unreachable' >&2; exit {aptExit}"));
        Fake("nft", $"echo \"nft $*\" >> '{Calls}'; exit 1");
    }

    private void Fake(string name, string body)
    {
        var path = Path.Combine(Bin, name);
        File.WriteAllText(path, $"#!/bin/sh\n{body}\n");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }
}
