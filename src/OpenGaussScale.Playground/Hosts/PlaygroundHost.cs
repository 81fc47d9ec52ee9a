using System.Globalization;

namespace OpenGaussScale.Playground.Hosts;

/// <summary>One host of the playground: ognodeK on 127.0.0.(10+K), its sshd on <see cref="SshPort"/>.</summary>
public sealed record PlaygroundHost(int Number, int SshPort)
{
    public const int MinNodes = 2;
    public const int MaxNodes = 9;
    public const int DefaultSshPort = 22;

    public string Name => NameOf(Number);

    public string Address => AddressOf(Number);

    public static string NameOf(int number) => string.Create(CultureInfo.InvariantCulture, $"ognode{number}");

    public static string AddressOf(int number) => string.Create(CultureInfo.InvariantCulture, $"127.0.0.{10 + number}");
}
