#include "poolchartview.h"

#include <QAbstractItemModel>
#include <QChart>
#include <QEvent>
#include <QGraphicsLayout>
#include <QLegend>
#include <QLineSeries>
#include <QTimer>
#include <QVXYModelMapper>
#include <QValueAxis>


namespace qmp {

PoolChartView::PoolChartView(QAbstractItemModel *model, std::function<QString()> title, QList<Line> lines,
                             QWidget *parent)
    : QChartView(parent)
    , m_model(model)
    , m_title(std::move(title))
    , m_lines(std::move(lines))
    , m_x(new QValueAxis(this))
    , m_y(new QValueAxis(this))
{
    auto *chart = new QChart;
    chart->setMargins(QMargins(2, 2, 2, 2));
    chart->layout()->setContentsMargins(0, 0, 0, 0);
    chart->setBackgroundRoundness(0);
    chart->legend()->setVisible(m_lines.size() > 1);
    chart->legend()->setAlignment(Qt::AlignTop);
    QFont small = font();
    small.setPointSizeF(small.pointSizeF() * 0.85);
    chart->legend()->setFont(small);
    chart->setTitleFont(font());
    m_x->setLabelsFont(small);
    m_y->setLabelsFont(small);
    m_x->setLabelFormat(QStringLiteral("%d s"));
    m_y->setLabelFormat(QStringLiteral("%.4g"));
    m_x->setTickCount(5);
    m_y->setTickCount(4);
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
    setChart(chart);
    setRenderHint(QPainter::Antialiasing);
    setMinimumHeight(140);

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

void PoolChartView::rescale()
{
    double minX = 0;
    double maxY = 0;
    for (QLineSeries *series : std::as_const(m_series)) {
        const QList<QPointF> points = series->points();
        for (const QPointF &p : points) {
            minX = qMin(minX, p.x());
            maxY = qMax(maxY, p.y());
        }
    }
    m_x->setRange(qMin(minX, -10.0), 0);
    // A little headroom; nice numbers pick round ticks (0, 500, 1000, ...).
    m_y->setRange(0, maxY <= 0 ? 1 : maxY * 1.1);
    m_y->applyNiceNumbers();
}

void PoolChartView::retranslate()
{
    chart()->setTitle(m_title());
    for (int i = 0; i < m_series.size(); ++i)
        m_series.at(i)->setName(m_lines.at(i).name());
    m_x->setTitleText(QString());
}

void PoolChartView::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QChartView::changeEvent(event);
}

} // namespace qmp
