using ConcertationBot.Cards.Profiles;
using ConcertationBot.Dialogs.Profiles;

namespace ConcertationBot.Tests.Dialogs.Profiles;

public sealed class ProfileFormTests
{
    [Fact]
    public void Read_EveryOfferedCategoryAndRole_ReadsBack()
    {
        foreach (var category in ProfileChoices.AllCategories)
        {
            foreach (var role in ProfileChoices.AllRoles)
            {
                Assert.Equal(new DeclaredProfile(category, role), ProfileForm.Read(ProfileChoices.Code(category), ProfileChoices.Code(role)));
            }

            Assert.Equal(new DeclaredProfile(category, null), ProfileForm.Read(ProfileChoices.Code(category), ProfileChoices.RoleNotStatedCode));
            Assert.Equal(new DeclaredProfile(category, null), ProfileForm.Read(ProfileChoices.Code(category), null));
            Assert.Equal(new DeclaredProfile(category, null), ProfileForm.Read(ProfileChoices.Code(category), string.Empty));
        }
    }

    [Theory]
    [InlineData(null, null)]
    [InlineData("", "terrain")]
    [InlineData("Communautaire", null)]
    [InlineData("communautaire ", null)]
    [InlineData("communautaire,elu", null)]
    [InlineData("institution", null)]
    [InlineData("<at>x</at>", null)]
    [InlineData("communautaire", "patron")]
    [InlineData("communautaire", "Direction")]
    [InlineData("communautaire", "direction,terrain")]
    public void Read_AnythingButTheOfferedCodes_Refused(string? category, string? role) =>
        Assert.Null(ProfileForm.Read(category, role));

    [Theory]
    [InlineData("""{"profileCategory":"elu","profileRole":"terrain"}""", true)]
    [InlineData("""{"profileCategory":"elu","profileRole":null}""", true)]
    [InlineData("""{"profileCategory":"elu"}""", true)]
    [InlineData("""{"profileCategory":"elu","profileRole":7}""", false)]
    [InlineData("""{"profileCategory":"elu","profileRole":["terrain"]}""", false)]
    [InlineData("""{"profileCategory":"elu","profileRole":{"code":"terrain"}}""", false)]
    [InlineData("""{"profileCategory":true}""", false)]
    public void Read_ActionData_RoleOfAnotherJsonTypeRefusedWhole(string json, bool accepted)
    {
        // Arrange
        var data = JsonSerializer.Deserialize(json, ProfileActionData.JsonTypeInfo)!;

        // Act
        var profile = ProfileForm.Read(data);

        // Assert
        Assert.Equal(accepted, profile is not null);
    }
}
