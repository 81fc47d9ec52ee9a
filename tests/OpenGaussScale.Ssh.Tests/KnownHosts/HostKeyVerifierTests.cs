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
    public void A_cert_authority_line_does_not_vouch_for_its_own_plain_key()
    {
        var verdict = Decide([$"@cert-authority * ssh-ed25519 {TestKeys.Ed25519A}"], "10.0.0.5", 22, TestKeys.Ed25519A);

        Assert.Equal(HostKeyOutcome.Unknown, verdict.Outcome);
        Assert.Equal(["/k:1"], verdict.CertificateAuthorities);
        Assert.Equal("it presented no host certificate", verdict.CertificateProblem);
    }

    [Fact]
    public void A_host_certificate_signed_by_a_ca_on_a_matching_line_is_trusted()
    {
        var verdict = DecideCertificate([$"@cert-authority 10.0.0.*,[10.0.0.*]:* ssh-ed25519 {TestKeys.Ed25519B}"], "10.0.0.5", 2222, Certificate());

        Assert.Equal(HostKeyOutcome.Trusted, verdict.Outcome);
        Assert.Equal("/k:1", verdict.CertificateAuthority);
        Assert.Equal($"ssh-ed25519 {TestKeys.Ed25519AFingerprint}", verdict.Presented);
    }

    [Fact]
    public void A_certificate_trusted_by_its_ca_wins_over_an_old_plain_line()
    {
        var verdict = DecideCertificate([$"10.0.0.5 ssh-rsa {TestKeys.Rsa}", $"@cert-authority * ssh-ed25519 {TestKeys.Ed25519B}"], "10.0.0.5", 22, Certificate());

        Assert.Equal(HostKeyOutcome.Trusted, verdict.Outcome);
    }

    [Theory]
    [InlineData("user", "it is a user certificate, not a host certificate")]
    [InlineData("principals", "its principals (db1.example.com, 10.0.0.50) do not name 10.0.0.5")]
    [InlineData("expired", "it is valid only from 2026-01-01T00:00:00Z to 2026-02-01T00:00:00Z")]
    [InlineData("critical", "it has critical options (force-command), which no host certificate may have")]
    [InlineData("sha1", "the CA signed it with ssh-rsa (SHA-1; allowed with --allow-legacy-ssh-algorithms)")]
    [InlineData("other-ca", "its CA ssh-ed25519 " + TestKeys.Ed25519AFingerprint + " is on no @cert-authority line for 10.0.0.5")]
    public void A_certificate_that_does_not_vouch_for_the_host_leaves_it_unknown_and_says_why(string unfit, string problem)
    {
        var certificate = unfit switch
        {
            "user" => Certificate() with { IsHostCertificate = false },
            "principals" => Certificate() with { Principals = ["db1.example.com", "10.0.0.50"] },
            "expired" => Certificate() with { ValidAfterUnixSeconds = 1767225600, ValidBeforeUnixSeconds = 1769904000 },
            "critical" => Certificate() with { CriticalOptions = ["force-command"] },
            "sha1" => Certificate() with { SignatureAlgorithm = "ssh-rsa" },
            _ => Certificate() with { CertificateAuthorityKey = TestKeys.Blob(TestKeys.Ed25519A) },
        };

        var verdict = DecideCertificate([$"@cert-authority * ssh-ed25519 {TestKeys.Ed25519B}"], "10.0.0.5", 22, certificate);

        Assert.Equal(HostKeyOutcome.Unknown, verdict.Outcome);
        Assert.Equal(problem, verdict.CertificateProblem);
    }

    [Fact]
    public void Wildcard_principals_and_an_ssh_rsa_ca_signature_with_the_legacy_option_are_accepted()
    {
        var file = KnownHostsFile.Parse("/k", [$"@cert-authority * ssh-ed25519 {TestKeys.Ed25519B}"]);
        var certificate = Certificate() with { Principals = ["10.0.0.*"], SignatureAlgorithm = "ssh-rsa" };

        Assert.Equal(HostKeyOutcome.Trusted, HostKeyVerifier.Decide(file, "10.0.0.5", 22, TestKeys.Blob(TestKeys.Ed25519A), certificate, Now, allowLegacy: true).Outcome);
        Assert.Equal(HostKeyOutcome.Unknown, HostKeyVerifier.Decide(file, "10.0.0.5", 22, TestKeys.Blob(TestKeys.Ed25519A), certificate, Now, allowLegacy: false).Outcome);
    }

    [Fact]
    public void A_revoked_ca_is_refused_for_every_certificate_it_signed()
    {
        var verdict = DecideCertificate([$"@cert-authority * ssh-ed25519 {TestKeys.Ed25519B}", $"@revoked * ssh-ed25519 {TestKeys.Ed25519B}"], "10.0.0.5", 22, Certificate());

        Assert.Equal(HostKeyOutcome.Revoked, verdict.Outcome);
        Assert.Equal("/k:2", Assert.Single(verdict.Known).Location);
    }

    [Fact]
    public void Accept_new_never_appends_a_plain_key_for_a_host_a_ca_covers_and_says_why()
    {
        var path = Write([$"@cert-authority 10.0.0.* ssh-ed25519 {TestKeys.Ed25519B}"]);
        var verifier = new HostKeyVerifier(path, acceptNew: true, Logger.None);

        var verdict = verifier.Verify("10.0.0.5", 22, TestKeys.Blob(TestKeys.Ed25519A));
        var refusal = HostKeyMessages.Refusal(verdict, new RemoteTarget("10.0.0.5", 22, "root"));

        Assert.Equal(HostKeyOutcome.Unknown, verdict.Outcome);
        Assert.Single(File.ReadAllLines(path));
        Assert.Equal(RemoteFailureKind.HostKeyUnknown, refusal.Kind);
        Assert.Equal(
            $"10.0.0.5: 10.0.0.5 (port 22) is covered by @cert-authority in {path}:1, but no certificate from that CA vouches for it: it presented no host certificate " +
            $"(its key is ssh-ed25519 {TestKeys.Ed25519AFingerprint}); not connecting as root",
            refusal.Message);
        Assert.EndsWith("--accept-new-host-keys never adds a plain key for a host a CA covers", refusal.Hint, StringComparison.Ordinal);
    }

    [Fact]
    public void A_key_type_that_is_not_a_plain_name_is_never_written()
    {
        // A server's blob whose type would end the line and add "* ssh-ed25519 B": every host trusting B.
        var path = Write([$"10.0.0.6 ssh-ed25519 {TestKeys.Ed25519B}"]);
        var verifier = new HostKeyVerifier(path, acceptNew: true, Logger.None);
        var hostile = TestKeys.KeyBlob($"ssh-ed25519 AAAA\n* ssh-ed25519 {TestKeys.Ed25519B}", 32);

        var verdict = verifier.Verify("10.0.0.5", 22, hostile);
        var refusal = HostKeyMessages.Refusal(verdict, new RemoteTarget("10.0.0.5", 22, "root"));

        Assert.Equal(HostKeyOutcome.Unknown, verdict.Outcome);
        Assert.Equal([$"10.0.0.6 ssh-ed25519 {TestKeys.Ed25519B}"], File.ReadAllLines(path));
        Assert.Contains("is not a plain name (only A-Z a-z 0-9 @ . _ -), so it is not appended to", refusal.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("\n", refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parallel_appends_through_different_paths_to_one_file_add_each_host_once_and_whole()
    {
        // Four verifiers on four names of one file (symlinked directories): only the file lock keeps them apart, as it
        // keeps two ogscale processes apart. All four are asked about each of 40 new hosts at the same moment.
        var real = Directory.CreateDirectory(Path.Combine(_directory, "real")).FullName;
        var verifiers = Enumerable.Range(0, 4).Select(i =>
        {
            var alias = Path.Combine(_directory, $"alias{i}");
            Directory.CreateSymbolicLink(alias, real);
            return new HostKeyVerifier(Path.Combine(alias, "known_hosts"), acceptNew: true, Logger.None);
        }).ToList();
        var keys = Enumerable.Range(0, 40).Select(h => TestKeys.KeyBlob("ssh-ed25519", 32, seed: h)).ToList();

        // One thread per verifier; before each host all four wait for each other, then ask at once.
        var verdicts = new System.Collections.Concurrent.ConcurrentBag<(int Host, HostKeyOutcome Outcome)>();
        var errors = new System.Collections.Concurrent.ConcurrentBag<Exception>();
        using var together = new Barrier(verifiers.Count);
        var threads = verifiers.Select(verifier => new Thread(() =>
        {
            try
            {
                for (var h = 0; h < keys.Count; h++)
                {
                    together.SignalAndWait();
                    verdicts.Add((h, verifier.Verify($"10.1.0.{h}", 22, keys[h]).Outcome));
                }
            }
            catch (Exception ex)
            {
                errors.Add(ex);
                together.RemoveParticipant();
            }
        })).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());

        Assert.Empty(errors);

        var lines = File.ReadAllLines(Path.Combine(real, "known_hosts"));
        Assert.Equal(40, lines.Length);
        Assert.Equal(Enumerable.Range(0, 40).Select(h => $"10.1.0.{h} ssh-ed25519 {Convert.ToBase64String(keys[h])}").Order(StringComparer.Ordinal), lines.Order(StringComparer.Ordinal));
        Assert.All(verdicts.GroupBy(v => v.Host), g => Assert.Equal(1, g.Count(v => v.Outcome == HostKeyOutcome.AcceptedNew)));
        Assert.All(verdicts, v => Assert.Contains(v.Outcome, new[] { HostKeyOutcome.AcceptedNew, HostKeyOutcome.Trusted }));
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

    private static readonly DateTimeOffset Now = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);

    // A host certificate for key A, signed by CA key B with ssh-ed25519, for 10.0.0.5, valid 2026-2027.
    private static HostCertificate Certificate() =>
        new(true, TestKeys.Blob(TestKeys.Ed25519B), ["10.0.0.5"], [], 1767225600, 1798761600, "ssh-ed25519", "db1");

    private static HostKeyVerdict DecideCertificate(string[] lines, string host, int port, HostCertificate certificate) =>
        HostKeyVerifier.Decide(KnownHostsFile.Parse("/k", lines), host, port, TestKeys.Blob(TestKeys.Ed25519A), certificate, Now, allowLegacy: false);

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
