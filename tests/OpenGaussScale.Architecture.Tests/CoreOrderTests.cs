using ArchUnitNET.xUnit;

namespace OpenGaussScale.Architecture.Tests;

/// <summary>Rule 1: no Core folder uses a folder below it in the order (so Core has no cycles between folders).</summary>
public class CoreOrderTests
{
    /// <summary>Every folder but the last (nothing is below it).</summary>
    public static TheoryData<string> Folders() => [.. Layering.CoreOrder.Take(Layering.CoreOrder.Count - 1)];

    [Theory]
    [MemberData(nameof(Folders))]
    public void A_folder_uses_no_folder_below_it(string folder)
    {
        var below = Layering.Below(folder).Select(f => Layering.NamespacePattern(Layering.Folder(f)));
        var rule = Layering.In(Layering.Folder(folder))
            .Should().NotDependOnAnyTypesThat().ResideInNamespaceMatching($"({string.Join('|', below)})");
        rule.Check(Layering.Architecture);
    }

    [Fact]
    public void Every_Core_namespace_is_in_a_folder_of_the_order()
    {
        // a new folder left out of the order would be bound by no rule
        var unlisted = Layering.Architecture.Types
            .Select(t => t.Namespace.FullName)
            .Where(ns => ns == Layering.Core || ns.StartsWith(Layering.Core + ".", StringComparison.Ordinal))
            .Where(ns => !Layering.CoreOrder.Any(f => ns == Layering.Folder(f) || ns.StartsWith(Layering.Folder(f) + ".", StringComparison.Ordinal)))
            .Distinct()
            .Order(StringComparer.Ordinal)
            .ToList();
        Assert.True(unlisted.Count == 0, "namespaces in no folder of Layering.CoreOrder: " + string.Join(", ", unlisted));
    }
}
