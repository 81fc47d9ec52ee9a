using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace OpenGaussScale.Ssh.KnownHosts;

/// <summary>Fingerprints and type names of SSH public key blobs, formatted as `ssh-keygen -l` prints them.</summary>
internal static class HostKeyFingerprint
{
    /// <summary>"SHA256:" + unpadded base64 of the SHA-256 of the blob.</summary>
    public static string Sha256(ReadOnlySpan<byte> blob) => "SHA256:" + Convert.ToBase64String(SHA256.HashData(blob)).TrimEnd('=');

    /// <summary>
    /// The key type written inside the blob (its first SSH string, e.g. "ssh-rsa"). The server's negotiated
    /// algorithm name can differ (an ssh-rsa key signs as rsa-sha2-512), the blob's own name does not.
    /// </summary>
    public static string KeyType(ReadOnlySpan<byte> blob)
    {
        if (blob.Length < 4)
        {
            return "unknown";
        }

        var length = BinaryPrimitives.ReadUInt32BigEndian(blob);
        return length > 0 && length <= blob.Length - 4 && length < 128 ? Encoding.ASCII.GetString(blob.Slice(4, (int)length)) : "unknown";
    }

    /// <summary>"ssh-ed25519 SHA256:..." for messages (a key type that is not printable text shows its characters as '?').</summary>
    public static string Describe(ReadOnlySpan<byte> blob) =>
        $"{new string([.. KeyType(blob).Select(c => char.IsControl(c) || c == ' ' || c > '~' ? '?' : c)])} {Sha256(blob)}";
}
