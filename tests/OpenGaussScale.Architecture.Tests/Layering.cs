using ArchUnitNET.Fluent.Syntax.Elements.Types;
using ArchUnitNET.Loader;
using static ArchUnitNET.Fluent.ArchRuleDefinition;

namespace OpenGaussScale.Architecture.Tests;

/// <summary>
/// The dependency order inside Core (docs/architecture.md, "Dependency order inside Core"): each folder may use only
/// the folders before it in <see cref="CoreOrder"/>, and itself.
/// </summary>
internal static class Layering
{
    public const string Core = "OpenGaussScale.Core";

    /// <summary>Core's folders, top to bottom.</summary>
    public static readonly IReadOnlyList<string> CoreOrder =
    [
        "Errors",
        "Validation",
        "Waiting",
        "Config",
        "Remote",
        "Model",
        "State",
        "Execution",
        "Preflight",
        "Engines",
        "Operations",
    ];

    /// <summary>Core, Ssh and the product's Cli read from their compiled assemblies, so every reference counts, not only the usings.</summary>
    public static readonly ArchUnitNET.Domain.Architecture Architecture = new ArchLoader()
        .LoadAssemblies(
            typeof(Core.Errors.OgscaleException).Assembly,
            typeof(Ssh.SshRemoteShellFactory).Assembly,
            typeof(Cli.CliApp).Assembly)
        .Build();

    /// <summary>The types in a namespace and the namespaces under it.</summary>
    public static GivenTypesConjunction In(string ns) =>
        Types().That().ResideInNamespaceMatching(NamespacePattern(ns));

    /// <summary>A regular expression matching a namespace and the namespaces under it.</summary>
    public static string NamespacePattern(string ns) => $@"^{ns.Replace(".", @"\.", StringComparison.Ordinal)}(\..+)?$";

    /// <summary>The namespace of a Core folder.</summary>
    public static string Folder(string folder) => $"{Core}.{folder}";

    /// <summary>The Core folders after the given one (the ones it must not use).</summary>
    public static IEnumerable<string> Below(string folder) => CoreOrder.SkipWhile(f => f != folder).Skip(1);
}
