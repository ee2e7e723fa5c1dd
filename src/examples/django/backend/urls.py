from django.urls import path

from . import views

urlpatterns = [path("api/public-data", views.PublicData.as_view())]
