using System.Security.Cryptography;
using System.Text;

namespace OpenGaussScale.Core.Engines.PostgreSql;

/// <summary>
/// A PostgreSQL SCRAM-SHA-256 password verifier, computed here so that only the verifier, never the password, reaches
/// the primary (PostgreSQL stores a value already in this form as it is: CREATE ROLE ... PASSWORD 'SCRAM-SHA-256$...').
/// The format and defaults are PostgreSQL's (src/common/scram-common.c scram_build_secret, PostgreSQL 15; RFC 5802 and
/// RFC 7677): <c>SCRAM-SHA-256$iterations:base64(salt)$base64(StoredKey):base64(ServerKey)</c>, 4096 iterations, a
/// 16-byte salt, SaltedPassword = PBKDF2-HMAC-SHA-256(password, salt, iterations), ClientKey = HMAC(SaltedPassword,
/// "Client Key"), StoredKey = SHA-256(ClientKey), ServerKey = HMAC(SaltedPassword, "Server Key").
/// </summary>
public static class ScramVerifier
{
    /// <summary>PostgreSQL's scram_iterations default (SCRAM_DEFAULT_ITERATIONS).</summary>
    public const int DefaultIterations = 4096;

    /// <summary>PostgreSQL's SCRAM_DEFAULT_SALT_LEN.</summary>
    public const int SaltLength = 16;

    /// <summary>A verifier with a fresh random salt.</summary>
    public static string Create(string password) => Create(password, RandomNumberGenerator.GetBytes(SaltLength), DefaultIterations);

    /// <summary>
    /// The verifier of <paramref name="password"/> with the given salt. The password must be printable ASCII: SASLprep
    /// (RFC 4013), which PostgreSQL applies first, leaves such a password as it is, so no normalisation is needed.
    /// </summary>
    public static string Create(string password, byte[] salt, int iterations)
    {
        ArgumentNullException.ThrowIfNull(password);
        ArgumentNullException.ThrowIfNull(salt);
        if (password.Length == 0 || password.Any(c => c is < '!' or > '~'))
        {
            throw new ArgumentException("the password must be printable ASCII without spaces (SASLprep leaves it unchanged)", nameof(password));
        }

        var salted = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password), salt, iterations, HashAlgorithmName.SHA256, 32);
        var clientKey = HMACSHA256.HashData(salted, "Client Key"u8);
        var storedKey = SHA256.HashData(clientKey);
        var serverKey = HMACSHA256.HashData(salted, "Server Key"u8);
        CryptographicOperations.ZeroMemory(salted);
        CryptographicOperations.ZeroMemory(clientKey);
        return string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"SCRAM-SHA-256${iterations}:{Convert.ToBase64String(salt)}${Convert.ToBase64String(storedKey)}:{Convert.ToBase64String(serverKey)}");
    }
}
