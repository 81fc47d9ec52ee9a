using OpenGaussScale.Core.Remote;
using OpenGaussScale.Ssh.KnownHosts;
using Serilog;
using Serilog.Core;
using Serilog.Events;

namespace OpenGaussScale.Ssh.Tests.KnownHosts;

public sealed class HostKeyVerifierTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("ogscale-known-hosts-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void The_same_key_blob_is_trusted()
    {
        var verdict = Decide([$"10.0.0.5 ssh-ed25519 {TestKeys.Ed25519A}"], "10.0.0.5", 22, TestKeys.Ed25519A);

        Assert.Equal(HostKeyOutcome.Trusted, verdict.Outcome);
        Assert.Equal($"ssh-ed25519 {TestKeys.Ed25519AFingerprint}", verdict.Presented);
    }

    [Fact]
    public void An_ssh_rsa_line_trusts_the_key_whatever_signature_algorithm_the_server_negotiated()
    {
        // The server negotiates rsa-sha2-512 for this key; the blob still says ssh-rsa, and only the blob is compared.
        var verdict = Decide([$"[10.0.0.5]:2222 ssh-rsa {TestKeys.Rsa}"], "10.0.0.5", 2222, TestKeys.Rsa);

        Assert.Equal(HostKeyOutcome.Trusted, verdict.Outcome);
        Assert.Equal($"ssh-rsa {TestKeys.RsaFingerprint}", verdict.Presented);
    }

    [Fact]
    public void The_key_type_field_does_not_matter_only_the_blob()
    {
        var verdict = Decide([$"10.0.0.5 rsa-sha2-512 {TestKeys.Ed25519A}"], "10.0.0.5", 22, TestKeys.Ed25519A);

        Assert.Equal(HostKeyOutcome.Trusted, verdict.Outcome);
    }

    [Fact]
    public void A_hashed_line_trusts_its_host()
    {
        Assert.Equal(HostKeyOutcome.Trusted, Decide([TestKeys.HashedPort2222], "10.0.0.5", 2222, TestKeys.Ed25519A).Outcome);
        Assert.Equal(HostKeyOutcome.Unknown, Decide([TestKeys.HashedPort2222], "10.0.0.5", 22, TestKeys.Ed25519A).Outcome);
    }

    [Fact]
    public void A_host_with_no_line_is_unknown()
    {
        var verdict = Decide([$"10.0.0.6 ssh-ed25519 {TestKeys.Ed25519A}", $"10.0.0.*,!10.0.0.5 ssh-ed25519 {TestKeys.Ed25519A}"], "10.0.0.5", 22, TestKeys.Ed25519A);

        Assert.Equal(HostKeyOutcome.Unknown, verdict.Outcome);
        Assert.Empty(verdict.Known);
        Assert.Equal(HostKeyOutcome.Trusted, Decide([$"10.0.0.*,!10.0.0.5 ssh-ed25519 {TestKeys.Ed25519A}"], "10.0.0.7", 22, TestKeys.Ed25519A).Outcome);
    }

    [Fact]
    public void A_different_key_for_a_known_host_is_changed_and_names_the_line()
    {
        var verdict = Decide(["# header", $"10.0.0.5 ssh-ed25519 {TestKeys.Ed25519A}"], "10.0.0.5", 22, TestKeys.Ed25519B);

        Assert.Equal(HostKeyOutcome.Changed, verdict.Outcome);
        Assert.Equal($"ssh-ed25519 {TestKeys.Ed25519BFingerprint}", verdict.Presented);
        Assert.Equal([new KnownKey("/k:2", $"ssh-ed25519 {TestKeys.Ed25519AFingerprint}")], verdict.Known);
    }

    [Fact]
    public void A_revoked_key_is_refused_even_if_a_line_trusts_it()
    {
        var verdict = Decide([$"10.0.0.5 ssh-ed25519 {TestKeys.Ed25519A}", $"@revoked otherhost ssh-ed25519 {TestKeys.Ed25519A}"], "10.0.0.5", 22, TestKeys.Ed25519A);

        Assert.Equal(HostKeyOutcome.Revoked, verdict.Outcome);
        Assert.Equal("/k:2", Assert.Single(verdict.Known).Location);
    }

    [Fact]
    public void A_cert_authority_line_never_vouches_for_a_key()
    {
        var verdict = Decide([$"@cert-authority * ssh-ed25519 {TestKeys.Ed25519A}"], "10.0.0.5", 22, TestKeys.Ed25519A);

        Assert.Equal(HostKeyOutcome.Unknown, verdict.Outcome);
    }

    [Fact]
    public void Known_key_types_come_from_the_blobs_of_the_hosts_lines()
    {
        var path = Write([$"[10.0.0.5]:2222 ssh-rsa {TestKeys.Rsa}", $"10.0.0.5 ssh-ed25519 {TestKeys.Ed25519A}", $"@revoked [10.0.0.5]:2222 ssh-ed25519 {TestKeys.Ed25519B}"]);
        var verifier = new HostKeyVerifier(path, acceptNew: false, Logger.None);

        Assert.Equal(["ssh-rsa"], verifier.KnownKeyTypes("10.0.0.5", 2222));
        Assert.Equal(["ssh-ed25519"], verifier.KnownKeyTypes("10.0.0.5", 22));
        Assert.Empty(verifier.KnownKeyTypes("10.0.0.6", 22));
    }

    [Fact]
    public void Accept_new_appends_host_keytype_and_key_and_warns()
    {
        var path = Write([$"10.0.0.6 ssh-ed25519 {TestKeys.Ed25519B}"], finalNewline: false);
        var sink = new CollectingSink();
        var verifier = new HostKeyVerifier(path, acceptNew: true, new LoggerConfiguration().WriteTo.Sink(sink).CreateLogger());

        var verdict = verifier.Verify("10.0.0.5", 2222, TestKeys.Blob(TestKeys.Rsa));
        var again = verifier.Verify("10.0.0.5", 2222, TestKeys.Blob(TestKeys.Rsa));

        Assert.Equal(HostKeyOutcome.AcceptedNew, verdict.Outcome);
        Assert.Equal(HostKeyOutcome.Trusted, again.Outcome);
        Assert.Equal([$"10.0.0.6 ssh-ed25519 {TestKeys.Ed25519B}", $"[10.0.0.5]:2222 ssh-rsa {TestKeys.Rsa}"], File.ReadAllLines(path));
        var warning = Assert.Single(sink.Events);
        Assert.Equal(LogEventLevel.Warning, warning.Level);
        Assert.Equal($"10.0.0.5: trusting the new host key ssh-rsa {TestKeys.RsaFingerprint} on first use (--accept-new-host-keys); appended to {path}", warning.RenderMessage());
    }

    [Fact]
    public void Accept_new_on_port_22_writes_the_plain_host_and_creates_the_file_0600()
    {
        var path = Path.Combine(_directory, "new-ssh-dir", "known_hosts");
        var verifier = new HostKeyVerifier(path, acceptNew: true, Logger.None);

        Assert.Equal(HostKeyOutcome.AcceptedNew, verifier.Verify("ognode2", 22, TestKeys.Blob(TestKeys.Ed25519A)).Outcome);

        Assert.Equal([$"ognode2 ssh-ed25519 {TestKeys.Ed25519A}"], File.ReadAllLines(path));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(Path.GetDirectoryName(path)!));
    }

    [Fact]
    public void Accept_new_never_replaces_a_changed_key()
    {
        var path = Write([$"10.0.0.5 ssh-ed25519 {TestKeys.Ed25519A}"]);
        var verifier = new HostKeyVerifier(path, acceptNew: true, Logger.None);

        Assert.Equal(HostKeyOutcome.Changed, verifier.Verify("10.0.0.5", 22, TestKeys.Blob(TestKeys.Ed25519B)).Outcome);
        Assert.Single(File.ReadAllLines(path));
    }

    [Fact]
    public void Refusals_name_the_host_port_user_fingerprints_and_the_fix()
    {
        var target = new RemoteTarget("10.0.0.5", 2222, "omm");
        var unknown = HostKeyMessages.Refusal(new HostKeyVerdict(HostKeyOutcome.Unknown, $"ssh-ed25519 {TestKeys.Ed25519AFingerprint}", "/root/.ssh/known_hosts", []), target);
        var changed = HostKeyMessages.Refusal(new HostKeyVerdict(HostKeyOutcome.Changed, $"ssh-ed25519 {TestKeys.Ed25519BFingerprint}", "/root/.ssh/known_hosts", [new KnownKey("/root/.ssh/known_hosts:7", $"ssh-ed25519 {TestKeys.Ed25519AFingerprint}")]), target);
        var revoked = HostKeyMessages.Refusal(new HostKeyVerdict(HostKeyOutcome.Revoked, $"ssh-ed25519 {TestKeys.Ed25519AFingerprint}", "/root/.ssh/known_hosts", [new KnownKey("/root/.ssh/known_hosts:3", "x")]), target);

        Assert.Equal(RemoteFailureKind.HostKeyUnknown, unknown.Kind);
        Assert.Equal($"10.0.0.5: host key ssh-ed25519 {TestKeys.Ed25519AFingerprint} is not known: 10.0.0.5 (port 2222) is not in /root/.ssh/known_hosts; not connecting as omm", unknown.Message);
        Assert.Equal(
            "check the fingerprint out of band (on 10.0.0.5: ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub), then add the key with " +
            "`ssh-keyscan -p 2222 10.0.0.5 >> /root/.ssh/known_hosts` or one interactive `ssh -p 2222 omm@10.0.0.5`, or run again with --accept-new-host-keys to trust it on first use",
            unknown.Hint);
        Assert.Equal(RemoteFailureKind.HostKeyChanged, changed.Kind);
        Assert.Equal(
            $"10.0.0.5: the host key has changed: 10.0.0.5 (port 2222) sent ssh-ed25519 {TestKeys.Ed25519BFingerprint}, but /root/.ssh/known_hosts:7 has ssh-ed25519 {TestKeys.Ed25519AFingerprint}; " +
            "not connecting as omm (someone may be intercepting the connection, or the host was reinstalled)",
            changed.Message);
        Assert.Equal(
            "if the host really has a new key, check its fingerprint out of band, then remove the old key with `ssh-keygen -f /root/.ssh/known_hosts -R '[10.0.0.5]:2222'` and add the new one; --accept-new-host-keys never replaces a changed key",
            changed.Hint);
        Assert.Equal(RemoteFailureKind.HostKeyRevoked, revoked.Kind);
        Assert.Equal($"10.0.0.5: host key ssh-ed25519 {TestKeys.Ed25519AFingerprint} is marked @revoked in /root/.ssh/known_hosts:3; not connecting to 10.0.0.5 (port 2222) as omm", revoked.Message);
    }

    private static HostKeyVerdict Decide(string[] lines, string host, int port, string presentedBase64) =>
        HostKeyVerifier.Decide(KnownHostsFile.Parse("/k", lines), host, port, TestKeys.Blob(presentedBase64));

    private string Write(string[] lines, bool finalNewline = true)
    {
        var path = Path.Combine(_directory, $"known_hosts-{Guid.NewGuid():N}");
        File.WriteAllText(path, string.Join('\n', lines) + (finalNewline ? "\n" : ""));
        return path;
    }

    private sealed class CollectingSink : ILogEventSink
    {
        public List<LogEvent> Events { get; } = [];

        public void Emit(LogEvent logEvent) => Events.Add(logEvent);
    }
}
