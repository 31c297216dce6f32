using ShotVideo.Review;

namespace ShotVideo.Tests.Review;

public sealed class PublicPathTests
{
    [Theory]
    [InlineData("7b1d/shots/scenelet-1/shot-1_key_frame.png")]
    [InlineData("generated/7b1d/shots/scenelet-1/shot-1_key_frame.png")]
    public void Paths_stored_relative_to_public_generated_become_relative_to_public(string stored) =>
        Assert.Equal("generated/7b1d/shots/scenelet-1/shot-1_key_frame.png", PublicPath.FromGenerated(stored, "key frame").Value);

    [Theory]
    [InlineData("../secret.mp4")]
    [InlineData("generated/../../secret.mp4")]
    [InlineData("/etc/passwd")]
    [InlineData("generated\\story\\shot-1.mp4")]
    [InlineData("generated//shot-1.mp4")]
    [InlineData("generated/./shot-1.mp4")]
    [InlineData("C:/clips/shot-1.mp4")]
    [InlineData("")]
    public void Paths_that_could_leave_public_are_refused(string stored)
    {
        var error = Assert.Throws<ShotVideoException>(() => PublicPath.FromPublic(stored, "clip of scenelet-1 shot 1"));
        Assert.Equal("ShotVideoUnsafePath", error.ErrorId);
        Assert.Contains("clip of scenelet-1 shot 1", error.Message, StringComparison.Ordinal);
    }
}
