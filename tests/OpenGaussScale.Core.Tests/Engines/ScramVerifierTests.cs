using OpenGaussScale.Core.Engines.PostgreSql;
using System.Security.Cryptography;
using System.Text;

namespace OpenGaussScale.Core.Tests.Engines;

/// <summary>
/// The SCRAM-SHA-256 verifier ogscale sends to the primary instead of a password (PostgreSqlCredentialIntegrationTests
/// logs in with it on a real PostgreSQL 15).
/// </summary>
public sealed class ScramVerifierTests
{
    [Fact]
    public void The_verifier_of_the_rfc_7677_example_gives_its_server_signature()
    {
        // RFC 7677 section 3: user "user", password "pencil", salt W22ZaJ0SNY7soEsUEjb6gQ==, 4096 iterations.
        var verifier = ScramVerifier.Create("pencil", Convert.FromBase64String("W22ZaJ0SNY7soEsUEjb6gQ=="), 4096);

        Assert.Equal(
            "SCRAM-SHA-256$4096:W22ZaJ0SNY7soEsUEjb6gQ==$WG5d8oPm3OtcPnkdi4Uo7BkeZkBFzpcXkuLmtbsT4qY=:wfPLwcE6nTWhTAmQ7tl2KeoiWGPlZqQxSrmfPwDl2dU=",
            verifier);
        const string authMessage = "n=user,r=rOprNGfwEbeRWgbNEkqO,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096,"
            + "c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0";
        var serverKey = Convert.FromBase64String(verifier[(verifier.LastIndexOf(':') + 1)..]);
        Assert.Equal("6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4=", Convert.ToBase64String(HMACSHA256.HashData(serverKey, Encoding.ASCII.GetBytes(authMessage))));
    }

    [Fact]
    public void Each_verifier_has_its_own_16_byte_salt_and_postgresqls_4096_iterations()
    {
        var first = ScramVerifier.Create("same-password");
        var second = ScramVerifier.Create("same-password");

        Assert.NotEqual(first, second);
        Assert.StartsWith("SCRAM-SHA-256$4096:", first, StringComparison.Ordinal);
        var salt = first["SCRAM-SHA-256$4096:".Length..first.IndexOf('$', "SCRAM-SHA-256$".Length)];
        Assert.Equal(16, Convert.FromBase64String(salt).Length);
        Assert.DoesNotContain("same-password", first, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("with space")]
    [InlineData("ünicode")]
    public void A_password_saslprep_would_change_is_refused(string password) =>
        Assert.Throws<ArgumentException>(() => ScramVerifier.Create(password));

    [Fact]
    public void Generated_passwords_are_43_base64url_characters_and_all_differ()
    {
        var passwords = Enumerable.Range(0, 20).Select(_ => ReplicationCredential.NewPassword()).ToList();

        Assert.All(passwords, p => Assert.Matches("^[A-Za-z0-9_-]{43}$", p));
        Assert.Equal(passwords.Count, passwords.Distinct(StringComparer.Ordinal).Count());
    }
}
