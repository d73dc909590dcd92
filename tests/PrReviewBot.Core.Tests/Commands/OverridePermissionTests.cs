using PrReviewBot.Core.Commands;
using PrReviewBot.Core.Config;

namespace PrReviewBot.Core.Tests.Commands;

public class OverridePermissionTests
{
    [Theory]
    [InlineData("admin", true)]
    [InlineData("maintain", true)]
    [InlineData("write", true)]
    [InlineData("WRITE", true)]
    [InlineData("push", true)]
    [InlineData("triage", false)]
    [InlineData("read", false)]
    [InlineData("none", false)]
    [InlineData(null, false)]
    [InlineData("superuser", false)]
    public void ByDefault_WritePermissionOrAboveMayOverride(string? permission, bool allowed)
    {
        Assert.Equal(allowed, OverridePermission.Allows(permission, [], new OverrideConfig()));
    }

    [Fact]
    public void AHigherMinimum_IsHonoured()
    {
        var config = new OverrideConfig { MinPermission = "maintain" };

        Assert.False(OverridePermission.Allows("write", [], config));
        Assert.True(OverridePermission.Allows("maintain", [], config));
    }

    [Fact]
    public void AMinimumBelowWrite_StillNeedsWrite()
    {
        var config = new OverrideConfig { MinPermission = "read" };

        Assert.False(OverridePermission.Allows("read", [], config));
    }

    [Theory]
    [InlineData("write", "maintain", "maintain")]
    [InlineData("read", "triage", "triage")]
    [InlineData("admin", "admin", "admin")]
    [InlineData("write", "Write", "write")]
    [InlineData("write", "security-engineer", "write")]
    [InlineData("read", null, "read")]
    [InlineData(null, null, "none")]
    [InlineData("", "", "none")]
    public void TheRoleName_RefinesThePermission_ACustomRoleCountsAsItsBase(string? permission, string? roleName, string role)
    {
        Assert.Equal(role, OverridePermission.Role(permission, roleName));
    }

    [Theory]
    [InlineData("read", false)]
    [InlineData("triage", false)]
    [InlineData("write", false)]
    [InlineData("maintain", true)]
    [InlineData("admin", true)]
    public void WithMinimumMaintain_TheLadderDecides(string role, bool allowed)
    {
        Assert.Equal(allowed, OverridePermission.Allows(role, [], new OverrideConfig { MinPermission = "maintain" }));
    }

    [Theory]
    [InlineData("acme/perf-leads", true)]
    [InlineData("ACME/Perf-Leads", true)]
    [InlineData("other/perf-leads", false)]
    [InlineData("acme/perf", false)]
    public void MembersOfAConfiguredOrgTeam_MayOverride(string team, bool allowed)
    {
        var config = new OverrideConfig { Teams = ["acme/perf-leads"] };

        Assert.Equal(allowed, OverridePermission.Allows("read", [team], config));
    }

    [Fact]
    public void ABareTeamSlug_MatchesThatSlugInAnyOrganization()
    {
        var config = new OverrideConfig { Teams = ["sre"] };

        Assert.True(OverridePermission.Allows("none", ["acme/sre"], config));
        Assert.False(OverridePermission.Allows("none", ["acme/sre-interns"], config));
        Assert.False(OverridePermission.Allows("none", null, config));
    }
}
