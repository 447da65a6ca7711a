#include "widgets/output/output_area.h"

#include "widgets/output/error_output_view.h"
#include "widgets/output/image_output_view.h"
#include "widgets/output/stream_output_view.h"
#include "widgets/output/tensor_card.h"
#include "widgets/theme/theme.h"

#include <QFontDatabase>
#include <QJsonArray>
#include <QLabel>
#include <QVBoxLayout>

namespace kusari::widgets {

QString multilineText(const QJsonValue& value) {
  if (!value.isArray()) return value.toString();
  QString text;
  for (const QJsonValue& part : value.toArray()) text += part.toString();
  return text;
}

OutputArea::OutputArea(QWidget* parent) : QWidget(parent), layout_(new QVBoxLayout(this)) {
  layout_->setContentsMargins(0, 4, 0, 2);
  layout_->setSpacing(4);
}

int OutputArea::viewCount() const { return layout_->count(); }

QWidget* OutputArea::view(int i) const { return layout_->itemAt(i)->widget(); }

void OutputArea::clear() {
  while (QLayoutItem* item = layout_->takeAt(0)) {
    delete item->widget();
    delete item;
  }
  shown_.clear();
  views_.clear();
  last_stream_ = nullptr;
}

void OutputArea::sync(const QVector<QJsonObject>& outputs) {
  // Outputs only grow while a cell runs, or a display is replaced in place; anything else
  // (cleared, stream text merged into an earlier output) is rebuilt.
  if (replaceChangedDisplays(outputs)) return;
  bool prefix = outputs.size() >= shown_.size();
  for (qsizetype i = 0; prefix && i < shown_.size(); ++i) prefix = outputs[i] == shown_[i];
  if (!prefix) clear();
  for (qsizetype i = shown_.size(); i < outputs.size(); ++i) add(outputs[i]);
  setVisible(!outputs.isEmpty());
}

bool OutputArea::replaceChangedDisplays(const QVector<QJsonObject>& outputs) {
  if (outputs.size() != shown_.size() || outputs.isEmpty()) return false;
  const auto isStream = [](const QJsonObject& o) { return o.value(QStringLiteral("output_type")).toString() == QLatin1String("stream"); };
  QList<qsizetype> changed;
  for (qsizetype i = 0; i < outputs.size(); ++i) {
    if (outputs[i] == shown_[i]) continue;
    if (isStream(outputs[i]) || isStream(shown_[i])) return false;
    changed.append(i);
  }
  for (qsizetype i : changed) {
    QWidget* fresh = makeView(outputs[i]);
    delete layout_->replaceWidget(views_[i], fresh);
    delete views_[i];
    views_[i] = fresh;
    shown_[i] = outputs[i];
  }
  return true;
}

void OutputArea::add(const QJsonObject& output) {
  shown_.append(output);
  const QString type = output.value(QStringLiteral("output_type")).toString();
  if (type == QLatin1String("stream")) {
    const QString name = output.value(QStringLiteral("name")).toString();
    if (!last_stream_ || last_stream_->streamName() != name) {
      last_stream_ = new StreamOutputView(name, this);
      layout_->addWidget(last_stream_);
    }
    last_stream_->appendText(multilineText(output.value(QStringLiteral("text"))));
    views_.append(last_stream_);
    return;
  }
  last_stream_ = nullptr;
  QWidget* view = makeView(output);
  layout_->addWidget(view);
  views_.append(view);
}

QWidget* OutputArea::makeView(const QJsonObject& output) {
  const QString type = output.value(QStringLiteral("output_type")).toString();
  if (type == QLatin1String("error")) {
    QStringList traceback;
    for (const QJsonValue& line : output.value(QStringLiteral("traceback")).toArray()) traceback << line.toString();
    auto* view = new ErrorOutputView(output.value(QStringLiteral("ename")).toString(),
                                     output.value(QStringLiteral("evalue")).toString(), traceback, this);
    connect(view, &ErrorOutputView::cellLinkActivated, this, &OutputArea::cellLinkActivated);
    return view;
  }
  // display_data / execute_result: the richest representation we can show wins.
  const QJsonObject data = output.value(QStringLiteral("data")).toObject();
  if (data.contains(QLatin1String(kTensorMime))) {
    auto* card = new TensorCard(data.value(QLatin1String(kTensorMime)).toObject(), {}, this);
    connect(card, &TensorCard::openRequested, this, &OutputArea::tensorOpenRequested);
    return card;
  }
  if (data.contains(QStringLiteral("image/png"))) {
    const QByteArray png = QByteArray::fromBase64(multilineText(data.value(QStringLiteral("image/png"))).toLatin1());
    return new ImageOutputView(png, this);
  }
  if (data.contains(QStringLiteral("text/plain"))) {
    auto* view = new StreamOutputView(QStringLiteral("result"), this);
    view->appendText(multilineText(data.value(QStringLiteral("text/plain"))));
    return view;
  }
  auto* unknown = new QLabel(tr("[%1 output not shown: %2]").arg(type, data.keys().join(QStringLiteral(", "))), this);
  unknown->setEnabled(false);
  return unknown;
}

void OutputArea::applyTheme() {
  for (auto* v : views<StreamOutputView>()) v->applyTheme();
  for (auto* v : views<ErrorOutputView>()) v->applyTheme();
  for (auto* v : views<TensorCard>()) v->applyTheme();
}

}  // namespace kusari::widgets
