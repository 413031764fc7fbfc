// One number of an iteration taken apart, with the same float arithmetic as the core:
// DotProductView shows Z1[i, j] as the 784 products W1[i, k]·A0[k, j] on a 28 × 28 map plus
// b1[i]; WeightGradientView shows dW2[i, k] as (1/m) Σⱼ dZ2[i, j]·A1[k, j] over sample
// columns; ReluMaskView shows the ReLU gate g′(Z1) as a 0/1 map beside Z1.
// Formulas are plain text here ("Σ_k W1[i,k]·A0[k,j]"); EquationView does the typesetting.
#pragma once

#include "views/view.hpp"
#include "views/colormap.hpp"
#include "views/digit_view.hpp"
#include "views/matrix_view.hpp"
#include "views/theme.hpp"

#include <SFML/Graphics/RenderTarget.hpp>
#include <SFML/Window/Event.hpp>

#include <Eigen/Core>

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace stepwise::views {

/// \brief Z1[i, j] as a dot product: W1's row i, A0's column j, their 784 element-wise products
/// as a 28 × 28 diverging map, and the sum written out and compared with the caller's Z1[i, j].
///
/// The sum is formed as Eigen's float dot product of the two vectors, then b is added in float:
/// \f[ Z^1_{ij} = \sum_k W^1_{ik} A^0_{kj} + b^1_i \f]
/// Layout follows the theme of the last draw() (Theme::dark() before the first).
///
/// Thread: UI thread only.
class DotProductView : public View {
public:
    /// \brief Which of the three images.
    enum class Image {
        Weights,  ///< W1[i, :] on the diverging map
        Input,    ///< A0[:, j] in grey
        Products  ///< W1[i, k]·A0[k, j] on the diverging map
    };

    /// \brief The entry shown: (row i, sample column j).
    [[nodiscard]] std::pair<int, int> cell() const { return {m_i, m_j}; }
    /// \brief Shows cell (i, j) of Z1.
    /// \param i row of Z1: the hidden neuron
    /// \param j column of Z1: the sample
    /// \param w1Row row i of W1 (784)
    /// \param a0Column column j of A0 (784)
    /// \param b1 b1[i]
    /// \param z1 Z1[i, j] as the stepper computed it, for the comparison line; empty for none
    void setCell(int i, int j, const Eigen::Ref<const Eigen::VectorXf>& w1Row,
                 const Eigen::Ref<const Eigen::VectorXf>& a0Column, float b1, std::optional<float> z1 = std::nullopt);
    /// \brief The rectangle the view fits into, in pixels.
    void setRect(const sf::FloatRect& rect) override;
    /// \brief Draws the view with \p theme's colours and sizes.
    void draw(sf::RenderTarget& target, const Theme& theme) override;
    /// \brief Hover over the images for one product. \return true when over an image.
    bool handleEvent(const sf::Event& event) override;

    /// \brief The 784 products W1[i, k]·A0[k, j].
    [[nodiscard]] const Eigen::VectorXf& products() const { return m_products; }
    /// \brief Σₖ W1[i, k]·A0[k, j], as a float dot product.
    [[nodiscard]] float productSum() const { return m_sum; }
    /// \brief productSum() + b1[i].
    [[nodiscard]] float total() const { return m_total; }
    /// \brief True when a Z1 value was given and total() equals it to float tolerance.
    [[nodiscard]] bool matches() const;
    /// \brief "Σ_k W1[3,k]·A0[k,7] + b1[3] = 1.234 − 0.2 = 1.034" (UTF-8).
    [[nodiscard]] std::string sumText() const;
    /// \brief "matches Z1[3, 7] = 1.034 ✓", or the difference; empty without a Z1 value.
    [[nodiscard]] std::string comparisonText() const;
    /// \brief Map of the products (limit max |product|).
    [[nodiscard]] const Colormap& productColormap() const { return m_productMap; }
    /// \brief Map of the weights (limit max |w|).
    [[nodiscard]] const Colormap& weightColormap() const { return m_weightMap; }
    /// \brief Pixel rectangle of \p image.
    [[nodiscard]] sf::FloatRect imageRect(Image image) const;
    /// \brief Pixel rectangle of pixel (row, col) of \p image.
    [[nodiscard]] sf::FloatRect pixelRect(Image image, int row, int col) const;
    /// \brief The hovered product, e.g. "k = 350 (row 12, col 14): 0.2 × 0.8314 = 0.1663".
    [[nodiscard]] std::optional<std::string> tooltipText() const;

private:
    void layout(const Theme& theme) const;
    void ensureLayout() const;

    int m_i = 0, m_j = 0;
    Eigen::MatrixXf m_images{784, 3}; // W1 row, A0 column, products
    Eigen::VectorXf m_products = Eigen::VectorXf::Zero(784);
    float m_b = 0.f, m_sum = 0.f, m_total = 0.f;
    std::optional<float> m_z1;
    Colormap m_weightMap, m_productMap;
    std::array<DigitAtlas, 3> m_atlases;
    bool m_dirty = true;

    sf::FloatRect m_rect{0, 0, 900, 500};
    Theme m_theme = Theme::dark();
    mutable bool m_layoutValid = false;
    mutable std::array<sf::FloatRect, 3> m_tiles;
    mutable float m_textTop = 0.f;
    mutable unsigned m_sumSize = 0;
    mutable bool m_sumOnly = false; // no room for the lines under the sum (see layout())
    sf::Vector2f m_mouse{-1.f, -1.f};
};

/// \brief dW2[i, k] as a sum over sample columns: the products dZ2[i, j]·A1[k, j] for each
/// column j, their sum, and the sum times 1/m, compared with the caller's dW2[i, k].
///
/// \f[ dW^2_{ik} = \frac{1}{m} \sum_j dZ^2_{ij} A^1_{kj} \f]
/// The sum is Eigen's float dot product of the two vectors, times the float 1/m, as the core
/// scales its sums. Up to 16 columns are drawn; the sum always covers every column given.
///
/// Thread: UI thread only.
class WeightGradientView : public View {
public:
    /// \brief Shows cell (i, k) of dW2.
    /// \param i row of dW2: the output neuron
    /// \param k column of dW2: the hidden neuron
    /// \param dZ2Row dZ2[i, j] for the columns j given (n values)
    /// \param a1Row A1[k, j] for the same columns (n values)
    /// \param m the divisor m of the gradient (the batch size, or 42,000 in the paper-faithful mode)
    /// \param dW2 dW2[i, k] as the stepper computed it, for the comparison line; empty for none
    /// \param firstColumn index j of the first column given, for the column headers
    void setCell(int i, int k, const Eigen::Ref<const Eigen::VectorXf>& dZ2Row, const Eigen::Ref<const Eigen::VectorXf>& a1Row,
                 long m, std::optional<float> dW2 = std::nullopt, int firstColumn = 0);
    /// \brief The rectangle the view fits into, in pixels.
    void setRect(const sf::FloatRect& rect) override;
    /// \brief Draws the view with \p theme's colours and sizes.
    void draw(sf::RenderTarget& target, const Theme& theme) override;

    /// \brief Σⱼ dZ2[i, j]·A1[k, j] over the columns given.
    [[nodiscard]] float productSum() const { return m_sum; }
    /// \brief productSum() · (1/m).
    [[nodiscard]] float value() const { return m_value; }
    /// \brief True when a dW2 value was given and value() equals it to float tolerance.
    [[nodiscard]] bool matches() const;
    /// \brief The products, one per column given.
    [[nodiscard]] const Eigen::VectorXf& products() const { return m_products; }
    /// \brief "(1/m) Σ_j dZ2[2,j]·A1[5,j] = (1/16) × 0.532 = 0.03325" (UTF-8).
    [[nodiscard]] std::string sumText() const;
    /// \brief "matches dW2[2, 5] = 0.03325 ✓", or the difference; empty without a dW2 value.
    [[nodiscard]] std::string comparisonText() const;
    /// \brief Pixel rectangle of the cell in table row \p row (0 dZ2, 1 A1, 2 product) and shown
    /// column \p column (0-based among the columns given).
    [[nodiscard]] sf::FloatRect cellRect(int row, int column) const;
    /// \brief The colour of that cell.
    [[nodiscard]] sf::Color cellColor(int row, int column) const;

private:
    void layout(const Theme& theme) const;
    void ensureLayout() const;
    [[nodiscard]] int shownColumns() const;

    int m_i = 0, m_k = 0, m_first = 0;
    long m_m = 1;
    Eigen::MatrixXf m_rows{3, 0}; // dZ2, A1, products
    Eigen::VectorXf m_products;
    float m_sum = 0.f, m_value = 0.f;
    std::optional<float> m_dW2;
    std::array<Colormap, 3> m_maps;

    sf::FloatRect m_rect{0, 0, 900, 400};
    Theme m_theme = Theme::dark();
    mutable bool m_layoutValid = false;
    mutable sf::FloatRect m_table;
    mutable float m_cellW = 0.f, m_cellH = 0.f, m_textTop = 0.f;
    mutable unsigned m_sumSize = 0;
};

/// \brief The ReLU gate: Z1 beside g′(Z1), which is 1 where Z1 > 0 and 0 elsewhere (NaN stays
/// NaN). Hovering a cell in one outlines the same cell in the other.
///
/// Thread: UI thread only.
class ReluMaskView : public View {
public:
    /// \brief Shows \p Z1 (10 × m) and its mask; \p version as in MatrixView::setData().
    void setData(const Eigen::Ref<const Eigen::MatrixXf>& Z1, std::uint64_t version = 0);
    /// \brief Shows only sample columns first … first + count − 1 in both.
    void setColumnWindow(int first, int count);
    /// \brief The rectangle both views fit into, side by side, in pixels.
    void setRect(const sf::FloatRect& rect) override;
    /// \brief Draws both views with \p theme's colours and sizes.
    void draw(sf::RenderTarget& target, const Theme& theme) override;
    /// \brief Hover, zoom and pan, passed to both views. \return true when either used it.
    bool handleEvent(const sf::Event& event) override;

    /// \brief The Z1 heatmap.
    [[nodiscard]] MatrixView& z1View() { return m_z1; }
    /// \brief The g′(Z1) heatmap (grey map: 0 black, 1 white).
    [[nodiscard]] MatrixView& maskView() { return m_mask; }

private:
    MatrixView m_z1, m_mask;
    Eigen::MatrixXf m_maskData;
};

} // namespace stepwise::views
