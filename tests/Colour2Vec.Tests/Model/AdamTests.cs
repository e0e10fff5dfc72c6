using Colour2Vec.Model;

namespace Colour2Vec.Tests.Model;

public sealed class AdamTests
{
    [Fact]
    public void Two_Steps_Follow_The_Keras_Epsilon_Hat_Form_By_Hand()
    {
        // θ0 = 1, lr = 0.1, gradients 0.5 then −0.25, β1 0.9, β2 0.999, ε 1e-7:
        // step 1: m = 0.05, v = 0.00025, lr_t = 0.1·√0.001/0.1 = 0.0316227766
        //         θ1 = 1 − 0.0316227766 · 0.05 / (0.0158113883 + 1e-7) = 0.9000006325
        // step 2: m = 0.045 − 0.025 = 0.02, v = 0.00024975 + 0.0000625 = 0.00031225
        //         lr_t = 0.1·√(1 − 0.998001)/(1 − 0.81) = 0.0235327526
        //         θ2 = θ1 − 0.0235327526 · 0.02 / (0.0176706536 + 1e-7) = 0.8733660
        var settings = AdamSettings.Keras;
        float theta = 1f, m = 0f, v = 0f;
        theta = ScalarKernel.AdamUpdate(theta, 0.5f, ref m, ref v, settings, settings.StepSize(0.1f, 1));
        Assert.Equal(0.05f, m, 1e-7f);
        Assert.Equal(0.00025f, v, 1e-8f); // 1 − β2 in float32 is 0.00099998713, as in Keras
        Assert.Equal(0.9000006325f, theta, 1e-6f);
        theta = ScalarKernel.AdamUpdate(theta, -0.25f, ref m, ref v, settings, settings.StepSize(0.1f, 2));
        Assert.Equal(0.02f, m, 1e-7f);
        Assert.Equal(0.00031225f, v, 1e-8f);
        Assert.Equal(0.8733660f, theta, 1e-5f);
    }

    [Fact]
    public void The_Epsilon_Hat_Form_Differs_From_Pytorchs_When_Gradients_Are_Tiny()
    {
        // With |g| ≈ ε the forms part: Keras divides by √v + ε before bias correction, PyTorch after.
        var settings = new AdamSettings(0.9f, 0.999f, 1e-3f);
        float m = 0f, v = 0f;
        var keras = 1f - ScalarKernel.AdamUpdate(1f, 1e-3f, ref m, ref v, settings, settings.StepSize(1f, 1));
        var pytorch = (1e-4f / 0.1f) / (MathF.Sqrt(1e-9f / 0.001f) + 1e-3f);
        Assert.Equal(0.5f, pytorch, 1e-4f);
        Assert.Equal(0.316227766f * 1e-4f / (MathF.Sqrt(1e-9f) + 1e-3f), keras, 1e-6f);
        Assert.NotEqual(pytorch, keras, 1e-2f);
    }

    [Fact]
    public void Dense_Adam_Moves_Rows_The_Batch_Did_Not_Touch()
    {
        var model = ModelFixtures.RandomModel(items: 4, dims: 2, DistanceWeightForm.Free, seed: 1);
        var adam = new AdamState(model);
        // First step touches items 0 and 1 only; second step touches 2 and 3, yet 0 and 1 move again on momentum.
        ScalarKernel.Instance.Step(model, adam, AdamSettings.Keras, 0.01f, [0], [1], [1f]);
        var afterFirst = model.Embedding.ToArray();
        ScalarKernel.Instance.Step(model, adam, AdamSettings.Keras, 0.01f, [2], [3], [1f]);
        Assert.NotEqual(afterFirst[0], model.Embedding[0]);
        Assert.NotEqual(afterFirst[1], model.Embedding[1]);
        Assert.Equal(2, adam.Step);
    }
}
