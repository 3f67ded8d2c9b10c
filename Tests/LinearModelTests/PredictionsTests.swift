import Testing
import LinearAlgebra
import LinearModel

@Suite("Predictions — argmax of the scores")
struct PredictionsTests {
    @Test("argmax picks the highest score; ties go to the lowest class index")
    func argmaxAndTies() {
        let scores = Matrix([[3.0, 6.2, -2.1], [1, 1, 0], [0, 2, 2], [-1, -1, -1]])
        #expect(LinearClassifier.predictions(fromScores: scores) == [1, 0, 1, 0])
    }
}
