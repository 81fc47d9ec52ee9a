using OpenGaussScale.Core.Engines;

namespace OpenGaussScale.Core.Tests.Engines;

/// <summary>The vectors of opengauss-reference.md section 4.3 (from openGauss-OM test_dropnode.py and the same function run on more inputs).</summary>
public sealed class SynchronousStandbyNamesTests
{
    [Theory]
    [InlineData("ANY 1(dn_6002, dn_6003)", "dn_6003", "ANY 1(dn_6002)")]
    [InlineData("ANY 1 (dn_6002), ANY 1 (dn_6003)", "dn_6003", "ANY 1(dn_6002)")]
    [InlineData("ANY 1 (dn_6002, dn_6004), ANY 1 (dn_6003, dn_6005)", "dn_6003", "ANY 1(dn_6002,dn_6004),ANY 1(dn_6005)")]
    [InlineData("ANY 1 (dn_6002, dn_6004), ANY 3 (dn_6003, dn_6005, dn_6006)", "dn_6003", "ANY 1(dn_6002,dn_6004),ANY 2(dn_6005,dn_6006)")]
    [InlineData("FIRST 2 (dn_6002, dn_6003)", "dn_6003", "FIRST 1(dn_6002)")]
    [InlineData("2 (dn_6002, dn_6003)", "dn_6003", "1(dn_6002)")]
    [InlineData("1 (dn_6003)", "dn_6003", "")]
    [InlineData("dn_6002, dn_6003", "dn_6003", "dn_6002")]
    [InlineData("ANY 1(dn_6002, dn_6003)", "dn_6002,dn_6003", "")]
    [InlineData("", "dn_6002", "")]
    [InlineData("*", "dn_6002", "*")]
    [InlineData("ANY 2(dn_6002, dn_6003, dn_6004, dn_6005, dn_6006)", "dn_6006", "ANY 1(dn_6002,dn_6003,dn_6004,dn_6005)")]
    [InlineData("FIRST 3(dn_6002, dn_6003, dn_6004, dn_6005)", "dn_6003", "FIRST 2(dn_6002,dn_6004,dn_6005)")]
    [InlineData("ANY 1(dn_6002, dn_6003)", "dn_6004", "ANY 1(dn_6002,dn_6003)")]
    public void The_reference_vectors_give_the_originals_result(string current, string dropped, string expected)
    {
        Assert.Equal(expected, SynchronousStandbyNames.Remove(current, dropped.Split(',')));
    }

    [Fact]
    public void A_plain_list_that_names_no_target_stays_exactly_as_it_is_fixing_the_originals_defect()
    {
        // The original rewrites this to '' (reference 7.3 #12), silently turning synchronous replication off.
        Assert.Equal("dn_6002, dn_6003", SynchronousStandbyNames.Remove("dn_6002, dn_6003", ["dn_6004"]));
    }

    [Fact]
    public void Postgresql_names_match_regardless_of_case_and_double_quotes()
    {
        Assert.Equal("FIRST 1(ognode2)", SynchronousStandbyNames.Remove("FIRST 2 (ognode2, \"OGNODE3\")", ["ognode3"]));
    }
}
