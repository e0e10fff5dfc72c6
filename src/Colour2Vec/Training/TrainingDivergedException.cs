namespace Colour2Vec.Training;

/// <summary>The loss became NaN or infinite: training cannot go on at this learning rate.</summary>
public sealed class TrainingDivergedException : Exception
{
    public TrainingDivergedException(int epoch, double loss, float learningRate)
        : base($"training diverged at epoch {epoch}: the loss is {loss}; try a lower --learning-rate (now {learningRate})")
    {
        Epoch = epoch;
    }

    public TrainingDivergedException() { }

    public TrainingDivergedException(string message) : base(message) { }

    public TrainingDivergedException(string message, Exception inner) : base(message, inner) { }

    public int Epoch { get; }
}
