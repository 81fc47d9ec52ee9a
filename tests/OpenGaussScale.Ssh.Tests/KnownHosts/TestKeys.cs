namespace OpenGaussScale.Ssh.Tests.KnownHosts;

/// <summary>Public keys made with ssh-keygen, with the fingerprints `ssh-keygen -lf` printed for them.</summary>
internal static class TestKeys
{
    public const string Ed25519A = "AAAAC3NzaC1lZDI1NTE5AAAAIJ2KcAOVe0VijcgDdlKtjSJxSHon6Ap9UgMxJ4iS0D9w";
    public const string Ed25519AFingerprint = "SHA256:EmDjLVgOb+pYxL22xV89i7odMaamVMY9b6xlJwjbOMo";

    public const string Ed25519B = "AAAAC3NzaC1lZDI1NTE5AAAAIJjj4BTzOUl0RN3qEUYhqisHbexFz9sVKws5tr+9kIEd";
    public const string Ed25519BFingerprint = "SHA256:YIStNED+Jq6KRHZP+cEvcP7kgn+Z0GDrqoFgaooG11M";

    public const string Rsa = "AAAAB3NzaC1yc2EAAAADAQABAAAAgQDaAgC/FslaQ22otPIWeUzUzG+nVKUPhnhmQcs4zQPLKm+qyu6cTJ2iCX/ZRrB0mXN5oT41xH6pBKiUP2czwtCQ1q2gzuR3KYSh58sVbSbmfo/DP4LgAORATS+IF7+J46q6mzwC34FYDOB96oLJPoc2a+MaFkAtbM+PJ9ugvKOE5w==";
    public const string RsaFingerprint = "SHA256:vramMfOKuLFeMlY4txNog1A35M4JYVUOgg9Tm4hQQqg";

    /// <summary>`ssh-keygen -H` of "ognode1 ssh-ed25519 A" and "[10.0.0.5]:2222 ssh-ed25519 A".</summary>
    public const string HashedOgnode1 = "|1|Pl7HQYLUsb02Ziq9xzi7jPeiROE=|H/DUhMDMo4ox2XH8xMd3t/BCRng= ssh-ed25519 " + Ed25519A;
    public const string HashedPort2222 = "|1|1BvjTiLl46ABpl3gbsB8GTV4xTo=|S0MtpeeomqvdfDfUfUxCMKsI1i4= ssh-ed25519 " + Ed25519A;

    public static byte[] Blob(string base64) => Convert.FromBase64String(base64);

    /// <summary>An SSH public key blob: string(type) string(bytes), the bytes made from <paramref name="seed"/>.</summary>
    public static byte[] KeyBlob(string type, int length, int seed = 0)
    {
        var name = System.Text.Encoding.ASCII.GetBytes(type);
        var blob = new byte[8 + name.Length + length];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(blob, (uint)name.Length);
        name.CopyTo(blob, 4);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(blob.AsSpan(4 + name.Length), (uint)length);
        System.Security.Cryptography.SHA512.HashData(BitConverter.GetBytes(seed)).AsSpan(0, Math.Min(length, 64)).CopyTo(blob.AsSpan(8 + name.Length));
        return blob;
    }
}
