#include "poolchartview.h"

#include "axisticks.h"
#include "valueformat.h"

#include <QAbstractItemModel>
#include <QCategoryAxis>
#include <QChart>
#include <QEvent>
#include <QGraphicsLayout>
#include <QLegend>
#include <QLineSeries>
#include <QMouseEvent>
#include <QTimer>
#include <QToolTip>
#include <QVXYModelMapper>

#include <algorithm>
#include <cmath>

namespace qmp {

namespace {

// Replaces an axis' labels by ticks (QCategoryAxis: a label at each tick value).
void setTicks(QCategoryAxis *axis, const QList<AxisTicks::Tick> &ticks)
{
    for (const QString &label : axis->categoriesLabels())
        axis->remove(label);
    for (const AxisTicks::Tick &tick : ticks)
        axis->append(tick.label, tick.value);
}

QStringList labelsOf(QCategoryAxis *axis)
{
    return axis->categoriesLabels();
}

} // namespace

PoolChartView::PoolChartView(QAbstractItemModel *model, std::function<QString()> title, QList<Line> lines,
                             ValueUnit unit, QWidget *parent)
    : QChartView(parent)
    , m_model(model)
    , m_title(std::move(title))
    , m_lines(std::move(lines))
    , m_unit(unit)
    , m_x(new QCategoryAxis(this))
    , m_y(new QCategoryAxis(this))
{
    // The chart QChartView made in its constructor: setChart() with a new one would leak it
    // (the view releases its previous chart without deleting it).
    QChart *chart = this->chart();
    chart->setMargins(QMargins(2, 2, 16, 2)); // room for the last tick's label ("0 s") at the right edge
    chart->layout()->setContentsMargins(0, 0, 0, 0);
    chart->setBackgroundRoundness(0);
    chart->legend()->setVisible(m_lines.size() > 1);
    chart->legend()->setAlignment(Qt::AlignTop);
    QFont small = font();
    small.setPointSizeF(small.pointSizeF() * 0.85);
    chart->legend()->setFont(small);
    chart->setTitleFont(font());
    for (QCategoryAxis *axis : {m_x, m_y}) {
        axis->setLabelsFont(small);
        axis->setLabelsPosition(QCategoryAxis::AxisLabelsPositionOnValue); // a label at its tick
        axis->setTruncateLabels(false); // fewer ticks instead of "…" (see rescale())
    }
    chart->addAxis(m_x, Qt::AlignBottom);
    chart->addAxis(m_y, Qt::AlignLeft);
    for (const Line &line : std::as_const(m_lines)) {
        auto *series = new QLineSeries(this);
        chart->addSeries(series);
        series->attachAxis(m_x);
        series->attachAxis(m_y);
        auto *mapper = new QVXYModelMapper(this);
        mapper->setXColumn(0);
        mapper->setYColumn(line.column >= 0 ? line.column : 1 + int(line.series));
        mapper->setSeries(series);
        mapper->setModel(m_model);
        m_series.append(series);
        m_mappers.append(mapper);
    }
    setRenderHint(QPainter::Antialiasing);
    setMinimumHeight(140);
    setMouseTracking(true);

    // Rescale once per burst of model changes.
    auto *rescaleTimer = new QTimer(this);
    rescaleTimer->setSingleShot(true);
    rescaleTimer->setInterval(0);
    connect(rescaleTimer, &QTimer::timeout, this, &PoolChartView::rescale);
    auto later = [rescaleTimer] { rescaleTimer->start(); };
    connect(m_model, &QAbstractItemModel::rowsInserted, this, later);
    connect(m_model, &QAbstractItemModel::rowsRemoved, this, later);
    connect(m_model, &QAbstractItemModel::dataChanged, this, later);
    connect(m_model, &QAbstractItemModel::modelReset, this, later);
    retranslate();
    rescale();
}

int PoolChartView::pointCount(int line) const
{
    return line >= 0 && line < m_series.size() ? int(m_series.at(line)->count()) : 0;
}

double PoolChartView::yMaximum() const
{
    return m_y->max();
}

double PoolChartView::xMinimum() const
{
    return m_x->min();
}

QStringList PoolChartView::xLabels() const
{
    return labelsOf(m_x);
}

QStringList PoolChartView::yLabels() const
{
    return labelsOf(m_y);
}

void PoolChartView::setRange(int seconds)
{
    m_range = std::max(seconds, 0);
    rescale();
}

void PoolChartView::rescale()
{
    double minX = 0;
    double maxY = 0;
    for (QLineSeries *series : std::as_const(m_series)) {
        const QList<QPointF> points = series->points();
        for (const QPointF &p : points) {
            if (m_range > 0 && p.x() < -m_range)
                continue; // outside the range shown
            minX = std::min(minX, p.x());
            maxY = std::max(maxY, p.y());
        }
    }
    if (m_minimumTop)
        maxY = std::max(maxY, m_minimumTop());
    // As far back as there is data (at least a minute), at most the range chosen: a young pool's
    // lines use the whole width.
    const double left = m_range > 0 ? std::max(-double(m_range), std::min(minX, -60.0)) : std::min(minX, -60.0);
    // As many ticks as fit: about one per 70 px across, one per 28 px up.
    const QRectF area = chart()->plotArea();
    const int xTicks = std::clamp(int((area.width() > 0 ? area.width() : width()) / 70), 2, 8);
    const int yTicks = std::clamp(int((area.height() > 0 ? area.height() : height() * 0.7) / 28), 2, 6);
    const QList<AxisTicks::Tick> xTicksList = AxisTicks::ticks(left, 0, xTicks, ValueUnit::None);
    // Headroom to the next round tick above the largest value: a line at the top tick would be
    // drawn on the plot's border, where nobody sees it.
    const double top = maxY <= 0 ? 1 : maxY;
    QList<AxisTicks::Tick> yTicksList = AxisTicks::ticks(0, top, yTicks, m_unit);
    if (!yTicksList.isEmpty() && (yTicksList.last().value < top || (maxY > 0 && yTicksList.last().value <= top * (1 + 1e-9)))) {
        const double step = yTicksList.size() > 1 ? yTicksList.at(1).value - yTicksList.at(0).value : top;
        yTicksList = AxisTicks::ticks(0, yTicksList.last().value + step, yTicks + 1, m_unit);
    }
    m_x->setRange(left, 0);
    setTicks(m_x, xTicksList);
    const double yTop = yTicksList.isEmpty() ? top : std::max(yTicksList.last().value, top);
    m_y->setRange(0, yTop);
    setTicks(m_y, yTicksList);
}

QString PoolChartView::valuesAt(double x) const
{
    QStringList parts;
    double shownX = 0;
    for (int i = 0; i < m_series.size(); ++i) {
        const QList<QPointF> points = m_series.at(i)->points();
        if (points.isEmpty())
            continue;
        // The sample nearest to x (points come in time order).
        const auto at = std::lower_bound(points.begin(), points.end(), x,
                                         [](const QPointF &p, double value) { return p.x() < value; });
        const QPointF nearest = at == points.end() ? points.last()
            : at == points.begin()                 ? *at
            : (x - std::prev(at)->x() < at->x() - x ? *std::prev(at) : *at);
        shownX = nearest.x();
        QString value;
        switch (m_unit) {
        case ValueUnit::Milliseconds: value = ValueFormat::duration(qint64(nearest.y() * 1e6)); break;
        case ValueUnit::PerSecond: value = ValueFormat::rate(nearest.y()); break;
        case ValueUnit::Percent: value = ValueFormat::percent(nearest.y()); break;
        default: value = ValueFormat::count(qint64(std::llround(nearest.y()))); break;
        }
        parts.append(m_series.size() > 1 ? tr("%1: %2", "line name: value").arg(m_lines.at(i).name(), value) : value);
    }
    if (parts.isEmpty())
        return QString();
    const QString when = shownX >= 0 ? tr("latest") : tr("%1 ago").arg(ValueFormat::duration(qint64(-shownX * 1e9)));
    return when + QStringLiteral("\n") + parts.join(QLatin1Char('\n'));
}

void PoolChartView::mouseMoveEvent(QMouseEvent *event)
{
    const QPointF scene = mapToScene(event->position().toPoint());
    if (chart()->plotArea().contains(chart()->mapFromScene(scene))) {
        const QPointF value = chart()->mapToValue(chart()->mapFromScene(scene), m_series.value(0));
        const QString text = valuesAt(value.x());
        if (!text.isEmpty())
            QToolTip::showText(event->globalPosition().toPoint(), text, this);
    } else {
        QToolTip::hideText();
    }
    QChartView::mouseMoveEvent(event);
}

void PoolChartView::resizeEvent(QResizeEvent *event)
{
    QChartView::resizeEvent(event);
    rescale(); // as many ticks as the new size has room for
}

void PoolChartView::retranslate()
{
    chart()->setTitle(m_title());
    for (int i = 0; i < m_series.size(); ++i)
        m_series.at(i)->setName(m_lines.at(i).name());
    rescale(); // units in the labels
}

void PoolChartView::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QChartView::changeEvent(event);
}

} // namespace qmp
